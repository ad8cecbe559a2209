import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert, useAction } from '../ui/common';
import { LanguageSwitch } from '../ui/layout';
import { homePath, useSessionContext } from '../session';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useSessionContext();
  const navigate = useNavigate();
  const location = useLocation();
  const action = useAction();
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (values: { username: string; password: string }) => {
    const session = await action.run('login', () => login(values.username.trim(), values.password));
    if (session) navigate(from && from !== '/login' ? from : homePath(session), { replace: true });
  };

  return (
    <main className="login-page" id="main">
      <Card className="login-card">
        <div className="login-top">
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} className="login-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Title level={2} className="login-subtitle">
          {t('login.title')}
        </Typography.Title>
        <ErrorAlert error={action.error} />
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={action.pending === 'login'}>
            {t('login.submit')}
          </Button>
        </Form>
        <p className="login-public">
          <Link to="/public/replies">{t('login.publicLink')}</Link>
        </p>
      </Card>
    </main>
  );
}
