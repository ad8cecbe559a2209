import { BellOutlined, GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { CalendarStatus, Inbox } from '../api/types';
import { type Language, rememberLanguage } from '../i18n';
import { type Session, useSession, useSessionContext } from '../session';

/** The menu entries of each role, in the order a user with several roles sees them. */
function menuOf(session: Session, t: (key: string) => string): Array<{ key: string; label: ReactNode }> {
  const items: Array<{ key: string; label: string }> = [];
  if (session.has('member')) items.push({ key: '/proposals', label: t('nav.myProposals') });
  if (session.has('staff')) {
    items.push({ key: '/review', label: t('nav.review') });
    items.push({ key: '/all-proposals', label: t('nav.allProposals') });
  }
  if (session.has('drafter') || session.has('leader')) items.push({ key: '/assignments', label: t('nav.assignments') });
  if (session.has('leader')) items.push({ key: '/sign-off', label: t('nav.signOff') });
  if (session.has('drafter') || session.has('leader')) {
    items.push({ key: '/reply-reviews', label: t('nav.reviewQueue') });
    items.push({ key: '/unit/follow-ups', label: t('nav.unitFollowUps') });
  }
  if (session.has('office')) items.push({ key: '/copies', label: t('nav.copies') });
  // The committee staff's and administrator's screens
  if (session.has('staff')) {
    items.push({ key: '/bulk-assign', label: t('staff.nav.bulk') });
    items.push({ key: '/requests', label: t('staff.nav.requests') });
    items.push({ key: '/follow-ups', label: t('staff.nav.followUps') });
  }
  if (session.has('staff') || session.has('admin')) items.push({ key: '/statistics', label: t('staff.nav.statistics') });
  if (session.has('admin')) {
    items.push({ key: '/admin/people', label: t('staff.nav.people') });
    items.push({ key: '/admin/settings', label: t('staff.nav.settings') });
  }
  if (session.has('staff') || session.has('admin')) items.push({ key: '/imports', label: t('imports.title') });
  return items.map((item) => ({ key: item.key, label: <Link to={item.key}>{item.label}</Link> }));
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === 'en' ? 'zh' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      aria-label={`${t('app.language')}: ${t('app.switchTo')}`}
      onClick={() => {
        rememberLanguage(next);
        void i18n.changeLanguage(next);
      }}
    >
      {t('app.switchTo')}
    </Button>
  );
}

/**
 * For admins and staff: next year's holiday schedule is not loaded yet (from CALENDAR_NOTICE_FROM), so
 * deadlines into it are provisional. Admins get a link to the screen that loads it.
 */
function CalendarBanner({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const concerned = session.has('admin') || session.has('staff');
  useEffect(() => {
    if (!concerned) return;
    let current = true;
    api
      .get<CalendarStatus>('/calendar/status')
      .then((loaded) => current && setStatus(loaded))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [concerned, session.committeeId]);
  if (!status?.warning || !status.message) return null;
  return (
    <Alert
      banner
      type="warning"
      className="calendar-banner"
      role="status"
      message={status.message}
      action={session.has('admin') ? <Link to="/admin/settings">{t('app.calendarLoad')}</Link> : undefined}
    />
  );
}

/** Unread notices, refreshed on every page change and every minute. */
function useUnread(): number {
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let current = true;
    const load = () =>
      api
        .get<Inbox>('/notifications', { unread: true, limit: 1 })
        .then((inbox) => current && setUnread(inbox.unread))
        .catch(() => undefined);
    void load();
    const timer = window.setInterval(load, 60_000);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [location.pathname, location.search]);
  return unread;
}

export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const { logout, switchCommittee } = useSessionContext();
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnread();
  const items = menuOf(session, t);
  const selected = items.map((i) => i.key).filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`));

  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <div className="app-header-row">
          <Link to="/" className="app-brand">
            {t('app.name')}
          </Link>
          <Space size="small" wrap className="app-header-tools">
            {session.committees.length > 1 && (
              <Select
                aria-label={t('app.committee')}
                value={session.committeeId}
                onChange={(id: string) => {
                  switchCommittee(id);
                  navigate('/');
                }}
                options={session.committees.map((c) => ({ value: c.id, label: c.name }))}
                popupMatchSelectWidth={false}
              />
            )}
            <Link to="/inbox" className="inbox-link">
              <span aria-hidden="true">
                <Badge count={unread} size="small" offset={[4, -2]}>
                  <BellOutlined className="inbox-icon" />
                </Badge>
              </span>
              <span className="inbox-label">{t('app.inbox')}</span>
              <span className="visually-hidden">{t('app.inboxUnreadSuffix', { count: unread })}</span>
            </Link>
            <LanguageSwitch />
            <Typography.Text className="app-user">
              {session.me.displayName}（{session.roles.map((role) => t(`roles.${role}`)).join('、')}）
            </Typography.Text>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => {
                void logout().then(() => navigate('/login'));
              }}
            >
              {t('app.logout')}
            </Button>
          </Space>
        </div>
      </Layout.Header>
      <nav aria-label={t('app.short')} className="app-nav">
        <Menu mode="horizontal" selectedKeys={selected} items={items} disabledOverflow />
      </nav>
      <CalendarBanner session={session} />
      <Layout.Content id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Spin className="page-loading" />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

/** Pages anyone may read (published replies), with the login link instead of a user. */
export function PublicLayout() {
  const { t } = useTranslation();
  const { session } = useSessionContext();
  return (
    <Layout className="app-layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <div className="app-header-row">
          <Link to="/public/replies" className="app-brand">
            {t('app.name')}
          </Link>
          <Space size="small" wrap className="app-header-tools">
            <LanguageSwitch />
            <Link to={session ? '/' : '/login'}>{session ? session.me.displayName : t('publicReplies.login')}</Link>
          </Space>
        </div>
      </Layout.Header>
      <Layout.Content id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Spin className="page-loading" />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
