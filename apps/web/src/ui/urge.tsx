import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Assignment, Page } from '../api/types';
import { DecisionButton } from './decision';

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
  return (
    <DecisionButton<{ message: string }>
      label={label}
      ariaLabel={ariaLabel}
      title={t('staff.urge.title')}
      primary={primary ?? false}
      disabled={targets.length === 0}
      initialValues={{ message: t('staff.urge.defaultMessage') }}
      onSubmit={async ({ message: text }) => {
        const assignmentIds = await assignmentIdsOf(targets);
        const urged = assignmentIds.length === 0 ? { urged: 0 } : await api.post<{ urged: number }>('/assignments/urge', { assignmentIds, message: text.trim() });
        if (urged.urged === 0) void message.info(t('staff.urge.nothingOpen'));
        else void message.success(t('staff.urge.done', { count: urged.urged }));
        onDone?.();
        return urged;
      }}
    >
      <Form.Item label={t('staff.urge.message')} name="message" rules={[{ required: true, min: 2, max: 500, whitespace: true, message: t('staff.urge.messageRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
      </Form.Item>
    </DecisionButton>
  );
}
