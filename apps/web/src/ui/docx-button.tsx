import { FileWordOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, saveFile } from '../api/client';
import type { Reply } from '../api/types';
import { useErrorText } from './common';

/**
 * Downloads the signed reply as DOCX (same layout as the PDF, for filing and editing) with the caller's
 * token: fetched as a blob and saved under its document number; a message shows it is on its way.
 */
export function DocxButton({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  if (!reply.signedDocument) return null;
  const key = `docx-${reply.id}`;
  return (
    <Button
      icon={<FileWordOutlined />}
      loading={pending}
      onClick={async () => {
        setPending(true);
        void message.open({ key, type: 'loading', content: t('docx.downloading'), duration: 0 });
        try {
          const { blob, fileName } = await api.download(`/replies/${reply.id}/document.docx`, `${reply.document.docNumber ?? 'reply'}.docx`);
          saveFile(blob, fileName);
          void message.open({ key, type: 'success', content: t('docx.saved', { name: fileName }) });
        } catch (error) {
          void message.open({ key, type: 'error', content: errorText(error).hint });
        } finally {
          setPending(false);
        }
      }}
    >
      {t('replyFiles.docx')}
    </Button>
  );
}
