import { App, Badge, Button, List, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Inbox, Notification } from '../api/types';
import { ErrorAlert, formatTime, useAction, useLoad } from '../ui/common';
import { PAGE_SIZE, pageOf, pager, useQueryState } from '../ui/query';
import { useSession } from '../session';


/** Where a notice leads: its proposal, assignment or reply. */
function pathOf(notification: Notification): string | null {
  const { entity, id } = notification.subject;
  if (entity === 'proposal') return `/proposals/${id}`;
  if (entity === 'assignment') return `/assignments/${id}`;
  if (entity === 'reply') return `/replies/${id}`;
  return null;
}

/** The in-app inbox (站内消息): newest first, unread marked; opening a notice marks it read and goes to its subject. */
export function InboxPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params, update] = useQueryState();
  const page = pageOf(params);
  const unreadOnly = params.get('unread') === 'true';
  const inbox = useLoad(() => api.get<Inbox>('/notifications', { unread: unreadOnly, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [page, unreadOnly, session.committeeId]);

  const { message } = App.useApp();
  const action = useAction();
  const markAll = async () => {
    const done = await action.run('all', () => api.post<{ marked: number }>('/notifications/read-all'));
    if (done) {
      void message.success(t('inboxMore.markedAll', { count: done.marked }));
      inbox.reload();
    }
  };
  const markRead = async (notification: Notification) => {
    if (await action.run(notification.id, () => api.post(`/notifications/${notification.id}/read`))) inbox.reload();
  };

  const open = async (notification: Notification) => {
    if (!notification.readAt) await api.post(`/notifications/${notification.id}/read`).catch(() => undefined);
    const path = pathOf(notification);
    if (path) navigate(path);
    else inbox.reload();
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('inbox.title')}
        </Typography.Title>
        <Space wrap>
          <label className="switch-label">
            <Switch checked={unreadOnly} onChange={(checked) => update({ unread: checked ? 'true' : undefined, page: undefined })} /> {t('inbox.unreadOnly')}
          </label>
          <Button onClick={() => void markAll()} loading={action.pending === 'all'} disabled={(inbox.data?.unread ?? 0) === 0}>
            {t('inboxMore.markAllRead')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={inbox.error ?? action.error} />
      <List
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: t('inbox.empty') }}
        pagination={pager(t, page, inbox.data?.total, update)}
        renderItem={(n) => (
          <List.Item className={n.readAt ? 'notice' : 'notice notice-unread'}>
            <Button type="link" className="notice-title" onClick={() => void open(n)}>
              {!n.readAt && <Badge status="processing" text={<span className="visually-hidden">{t('inbox.unread')}</span>} />}
              {n.title}
            </Button>
            <Space wrap>
              <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
              {!n.readAt && (
                <Button size="small" type="text" loading={action.pending === n.id} onClick={() => void markRead(n)}>
                  {t('inboxMore.markRead')}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}
