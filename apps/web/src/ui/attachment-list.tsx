import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, saveFile } from '../api/client';
import type { Attachment } from '../api/types';
import { useErrorText } from './common';

/**
 * A proposal's attachments, each downloaded with the caller's token; while the proposal is a draft its
 * lead proposer (`editable`) may delete one, after confirming. The same list on the proposal and in the editor.
 */
export function AttachmentList({ attachments, editable, onRemoved, loading }: { attachments: Attachment[]; editable: boolean; onRemoved: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [removing, setRemoving] = useState<string | null>(null);

  const download = async (attachment: Attachment) => {
    try {
      const { blob, fileName } = await api.download(`/proposals/${attachment.proposalId}/attachments/${attachment.id}`, attachment.fileName);
      saveFile(blob, fileName);
    } catch (error) {
      void message.error(errorText(error).hint);
    }
  };
  const remove = async (attachment: Attachment) => {
    setRemoving(attachment.id);
    try {
      await api.delete(`/proposals/${attachment.proposalId}/attachments/${attachment.id}`);
      void message.success(t('attachmentRemove.removed', { name: attachment.fileName }));
      onRemoved();
    } catch (error) {
      void message.error(errorText(error).hint);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <List
      size="small"
      loading={loading}
      dataSource={attachments}
      locale={{ emptyText: t('proposal.noAttachments') }}
      renderItem={(a) => (
        <List.Item
          actions={
            editable
              ? [
                  <Popconfirm
                    key="remove"
                    title={t('attachmentRemove.confirm', { name: a.fileName })}
                    okText={t('attachmentRemove.remove')}
                    cancelText={t('app.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(a)}
                  >
                    <Button type="text" danger size="small" icon={<DeleteOutlined />} loading={removing === a.id} aria-label={`${t('attachmentRemove.remove')} ${a.fileName}`} />
                  </Popconfirm>,
                ]
              : []
          }
        >
          <Button type="link" icon={<PaperClipOutlined />} onClick={() => void download(a)}>
            {a.fileName}
          </Button>
        </List.Item>
      )}
    />
  );
}
