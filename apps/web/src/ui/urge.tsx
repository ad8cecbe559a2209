import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Assignment, Page } from '../api/types';
import { ErrorAlert, useAction } from './common';

/** What is chased: assignments by id, or a unit's open assignments on a proposal (a row of the overdue list). */
export type UrgeTarget = { assignmentId: string } | { proposalId: string; unitId: string };

const OPEN = new Set(['assigned', 'accepted']);

async function assignmentIdsOf(targets: UrgeTarget[]): Promise<string[]> {
  const ids = await Promise.all(
    targets.map(async (target) => {
      if ('assignmentId' in target) return [target.assignmentId];
      const page = await api.get<Page<Assignment>>('/assignments', { proposalId: target.proposalId, unitId: target.unitId, limit: 50 });
      return page.items.filter((a) => OPEN.has(a.status)).map((a) => a.id);
    }),
  );
  return [...new Set(ids.flat())];
}

/** 催办: a button that opens the message (a sensible default) and sends it to the units of the targets, all or none. */
export function UrgeButton({ targets, label, ariaLabel, onDone, primary }: { targets: UrgeTarget[]; label: string; ariaLabel?: string; onDone?: () => void; primary?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const action = useAction();
  const [form] = Form.useForm<{ message: string }>();
  const send = async ({ message: text }: { message: string }) => {
    const urged = await action.run('urge', async () => {
      const assignmentIds = await assignmentIdsOf(targets);
      if (assignmentIds.length === 0) return { urged: 0 };
      return api.post<{ urged: number }>('/assignments/urge', { assignmentIds, message: text.trim() });
    });
    if (!urged) return;
    if (urged.urged === 0) void message.info(t('staff.urge.nothingOpen'));
    else void message.success(t('staff.urge.done', { count: urged.urged }));
    setOpen(false);
    onDone?.();
  };
  return (
    <>
      <Button size="small" type={primary ? 'primary' : 'default'} disabled={targets.length === 0} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={t('staff.urge.title')}
        okText={t('staff.urge.action')}
        cancelText={t('app.cancel')}
        confirmLoading={action.pending === 'urge'}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          action.clear();
        }}
        destroyOnHidden
      >
        <ErrorAlert error={action.error} />
        <Form form={form} layout="vertical" onFinish={send} initialValues={{ message: t('staff.urge.defaultMessage') }}>
          <Form.Item label={t('staff.urge.message')} name="message" rules={[{ required: true, min: 2, max: 500, whitespace: true, message: t('staff.urge.messageRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
