import { App, Button, Card, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { ReviewDecision, ReviewOutcome } from '../api/staff-types';
import type { Code, Page, Proposal, ProposalStatus, SimilarProposal } from '../api/types';
import { ErrorAlert, formatTime, numberText, useAction, useLoad } from '../ui/common';
import { SimilarList } from './proposal-editor';

type Choice = 'file' | 'merge' | 'to-opinion' | 'not-file';
const CHOICES: Choice[] = ['file', 'merge', 'to-opinion', 'not-file'];
const CHOICE_KEYS: Record<Choice, string> = { file: 'file', merge: 'merge', 'to-opinion': 'toOpinion', 'not-file': 'notFile' };
/** A proposal may be merged only into one filed and not yet replied (the API's rule). */
const MERGE_TARGETS: ProposalStatus[] = ['filed', 'assigned', 'in_handling'];

interface Values {
  targetProposalId?: string;
  reason?: string;
  reasonCode?: string;
  reasonText?: string;
}

/** Filed, not yet replied proposals matching what was typed: by words (2 characters or more) or by number. */
async function mergeTargets(text: string, excludeId: string): Promise<Proposal[]> {
  const typed = text.trim();
  const byNumber = /^\d+$/.test(typed);
  const q = !byNumber && typed.length >= 2 ? typed : undefined;
  const pages = await Promise.all(MERGE_TARGETS.map((status) => api.get<Page<Proposal>>('/proposals', { status, q, limit: 20, sort: q ? undefined : '-number' })));
  return pages
    .flatMap((page) => page.items)
    .filter((p) => p.id !== excludeId && (!byNumber || String(p.number ?? '').includes(typed)))
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/**
 * 审查 for committee staff: the similar proposals (for 并案), then one of the four outcomes — 立案;
 * 并案 into a filed, not yet replied proposal found by title or number, with a reason; 转为意见建议 with a
 * reason; 不予立案 with a ground from the committee's table (the ground "other" needs an explanation).
 */
export function ReviewPanel({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useAction();
  const [form] = Form.useForm<Values>();
  const [choice, setChoice] = useState<Choice>('file');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), 300);
    return () => window.clearTimeout(timer);
  }, [search]);
  const similar = useLoad(() => api.get<SimilarProposal[]>(`/proposals/${proposal.id}/similar`, { limit: 5 }), [proposal.id]);
  const reasons = useLoad(() => (choice === 'not-file' ? api.get<Code[]>('/code-tables/not-filed-reason') : Promise.resolve([])), [choice]);
  const targets = useLoad(() => (choice === 'merge' ? mergeTargets(debounced, proposal.id) : Promise.resolve([])), [choice, debounced, proposal.id]);
  const reasonCode = Form.useWatch('reasonCode', form);

  const decide = async (values: Values) => {
    const body =
      choice === 'merge'
        ? { version: proposal.version, targetProposalId: values.targetProposalId, reason: values.reason?.trim() }
        : choice === 'to-opinion'
          ? { version: proposal.version, reason: values.reason?.trim() }
          : choice === 'not-file'
            ? { version: proposal.version, reasonCode: values.reasonCode, reasonText: values.reasonText?.trim() || undefined }
            : { version: proposal.version };
    const next = await action.run(choice, () => api.post<Proposal>(`/proposals/${proposal.id}/${choice}`, body));
    if (!next) return;
    if (choice === 'file') void message.success(t('review.filed', { number: next.number }));
    else if (choice === 'merge') {
      const target = targets.data?.find((p) => p.id === values.targetProposalId);
      void message.success(t('staff.outcomes.merged', { number: target?.number ?? '' }));
    } else void message.success(t(choice === 'to-opinion' ? 'staff.outcomes.toOpinionDone' : 'staff.outcomes.notFiledDone'));
    onDone();
  };

  const reasonRule = [{ required: true, whitespace: true, min: 2, max: 1000, message: t('staff.common.reasonRequired') }];
  return (
    <Card className="panel" title={<h2 className="card-title">{t('review.similarTitle')}</h2>}>
      <ErrorAlert error={similar.error} />
      <SimilarList items={similar.data ?? []} emptyText={t('editor.similarNone')} />
      <h3 className="subsection-title">{t('staff.outcomes.title')}</h3>
      <ErrorAlert error={action.error ?? reasons.error ?? targets.error} onClose={action.clear} />
      <Form form={form} name="review" layout="vertical" onFinish={decide}>
        <Form.Item label={t('staff.outcomes.choose')}>
          <Radio.Group
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value as Choice);
              action.clear();
            }}
            options={CHOICES.map((c) => ({ value: c, label: t(`staff.outcomes.${CHOICE_KEYS[c]}`) }))}
          />
        </Form.Item>
        {choice === 'merge' && (
          <Form.Item label={t('staff.outcomes.target')} name="targetProposalId" extra={t('staff.outcomes.targetHint')} rules={[{ required: true, message: t('staff.outcomes.targetRequired') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              loading={targets.loading}
              notFoundContent={targets.loading ? t('app.loading') : t('proposal.empty')}
              options={(targets.data ?? []).map((p) => ({ value: p.id, label: `${numberText(t, p.number)} ${p.title}` }))}
            />
          </Form.Item>
        )}
        {(choice === 'merge' || choice === 'to-opinion') && (
          <Form.Item label={t('staff.common.reason')} name="reason" rules={reasonRule}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        )}
        {choice === 'not-file' && (
          <>
            <Form.Item label={t('staff.outcomes.reasonCode')} name="reasonCode" rules={[{ required: true, message: t('staff.outcomes.reasonCodeRequired') }]}>
              <Select loading={reasons.loading} options={(reasons.data ?? []).map((c) => ({ value: c.code, label: c.label }))} />
            </Form.Item>
            <Form.Item
              label={t('staff.outcomes.reasonText')}
              name="reasonText"
              rules={[{ required: reasonCode === 'other', whitespace: true, min: 2, max: 1000, message: t('staff.outcomes.reasonTextRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        <Space wrap className="actions">
          <Button type="primary" htmlType="submit" loading={action.pending === choice}>
            {choice === 'file' ? t('review.file') : `${t('staff.outcomes.submit')}：${t(`staff.outcomes.${CHOICE_KEYS[choice]}`)}`}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

const OUTCOME_COLORS: Record<ReviewOutcome, string> = { filed: 'blue', merged: 'purple', to_opinion: 'cyan', not_filed: 'error', withdrawn: 'default' };

/** The review decisions taken on a proposal (loaded again when its version changes), with their reasons and the proposal it was merged into. */
export function ReviewHistory({ proposalId, version }: { proposalId: string; version: number }) {
  const { t } = useTranslation();
  const decisions = useLoad(() => api.get<ReviewDecision[]>(`/proposals/${proposalId}/review-decisions`), [proposalId, version]);
  if (!decisions.error && (decisions.data?.length ?? 0) === 0) return null;
  return (
    <Card className="panel" title={<h2 className="card-title">{t('staff.outcomes.history')}</h2>}>
      <ErrorAlert error={decisions.error} />
      <List
        size="small"
        dataSource={decisions.data ?? []}
        locale={{ emptyText: t('staff.outcomes.historyEmpty') }}
        renderItem={(d) => (
          <List.Item>
            <Space wrap>
              <Tag color={OUTCOME_COLORS[d.outcome]}>{t(`staff.outcomes.outcomes.${d.outcome}`)}</Tag>
              {d.reasonLabel && <span>{d.reasonLabel}</span>}
              {d.reasonText && <span>{d.reasonText}</span>}
              {d.targetProposalId && (
                <span>
                  {t('staff.outcomes.mergedInto')}
                  <Link to={`/proposals/${d.targetProposalId}`}>{t('app.view')}</Link>
                </span>
              )}
              <Typography.Text type="secondary">{formatTime(d.decidedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
