import { CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AdminUnit, AdminUser } from '../api/staff-types';
import type { Role } from '../api/types';
import { ErrorAlert, useAction, useLoad } from '../ui/common';
import { DecisionButton } from '../ui/decision';
import { PAGE_SIZE, useQueryState } from '../ui/query';
import '../ui/staff.css';

const ROLES: Role[] = ['member', 'staff', 'drafter', 'leader', 'office', 'admin'];
/** Roles that act for a unit: the API needs the unit with them. */
const UNIT_ROLES = new Set<Role>(['drafter', 'leader', 'office']);

interface NewUser {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  email?: string;
  role: Role;
  unitId?: string;
}

interface UnitValues {
  name: string;
  kind?: AdminUnit['kind'];
  parentId?: string | null;
  docPrefix?: string;
  workArea?: string;
  remitKeywords?: string[];
}

const blankToUndefined = (value: string | undefined) => value?.trim() || undefined;

/** The administrator's users (with their roles in this committee) and units (with remit keywords). */
export function PeoplePage() {
  const { t } = useTranslation();
  const [params, update] = useQueryState();
  const tab = params.get('tab') === 'units' ? 'units' : 'users';
  const units = useLoad(() => api.get<AdminUnit[]>('/admin/units'), []);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <Typography.Title level={1} id="page-title">
          {t('staff.people.title')}
        </Typography.Title>
      </div>
      <ErrorAlert error={units.error} />
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'units' ? key : undefined })}
        items={[
          { key: 'users', label: t('staff.people.users'), children: <UsersTab units={units.data ?? []} /> },
          { key: 'units', label: t('staff.people.units'), children: <UnitsTab units={units.data ?? []} onChanged={units.reload} /> },
        ]}
      />
    </section>
  );
}

/** A list's search by name, its one choice filter (all or one value), and the list's own button; each change goes back to page 1. */
function ListFilters({ choiceLabel, choice, choices, onSearch, onChoice, onChange, children }: {
  choiceLabel: string;
  choice: string;
  choices: Array<{ value: string; label: string }>;
  onSearch: (q: string) => void;
  onChoice: (value: string) => void;
  onChange: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Space wrap className="filters" role="search">
      <Input.Search
        aria-label={t('staff.common.filterByName')}
        placeholder={t('staff.common.filterByName')}
        allowClear
        onSearch={(value) => {
          onSearch(value.trim());
          onChange();
        }}
        className="filter-search"
      />
      <Select
        aria-label={choiceLabel}
        className="filter-status"
        value={choice}
        onChange={(value: string) => {
          onChoice(value);
          onChange();
        }}
        options={[{ value: '', label: t('app.all') }, ...choices]}
      />
      {children}
    </Space>
  );
}

/** Role and unit fields of a membership; the unit is asked for only when the role needs it. */
function MembershipFields({ units }: { units: AdminUnit[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<{ role?: Role }>();
  const role = Form.useWatch('role', form);
  return (
    <>
      <Form.Item label={t('staff.people.role')} name="role" rules={[{ required: true, message: t('staff.people.required') }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      {role && UNIT_ROLES.has(role) && (
        <Form.Item label={t('staff.people.unit')} name="unitId" rules={[{ required: true, message: t('staff.people.unitNeeded') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
    </>
  );
}

function UsersTab({ units }: { units: AdminUnit[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useLoad(() => api.get<AdminUser[]>('/admin/users'), []);
  const action = useAction();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? '') : '');
  const shown = (users.data ?? []).filter(
    (u) => (!q || u.displayName.includes(q) || u.username.includes(q.toLowerCase())) && (!role || u.memberships.some((m) => m.role === role)),
  );
  const roleText = (m: AdminUser['memberships'][number]) => `${t(`roles.${m.role}`)}${m.unitId ? `（${unitName(m.unitId)}）` : ''}`;

  const removeRole = async (user: AdminUser, membershipId: string) => {
    const done = await action.run(`remove-${membershipId}`, () => api.delete<AdminUser>(`/admin/users/${user.id}/memberships/${membershipId}`));
    if (!done) return;
    void message.success(t('staff.people.roleRemoved'));
    users.reload();
  };

  return (
    <Card className="panel">
      <ListFilters
        choiceLabel={t('staff.people.role')}
        choice={role}
        choices={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        onSearch={setQ}
        onChoice={(value) => setRole(value as Role | '')}
        onChange={() => setPage(1)}
      >
        <DecisionButton<NewUser>
          label={t('staff.people.newUser')}
          ariaLabel={t('staff.people.newUser')}
          title={t('staff.people.newUser')}
          onSubmit={async (v) => {
            const created = await api.post<AdminUser>('/admin/users', {
              username: v.username.trim(),
              displayName: v.displayName.trim(),
              password: v.password,
              phone: blankToUndefined(v.phone),
              email: blankToUndefined(v.email),
              memberships: [{ role: v.role, unitId: UNIT_ROLES.has(v.role) ? v.unitId : undefined }],
            });
            void message.success(t('staff.people.userCreated', { name: created.displayName }));
            users.reload();
            return created;
          }}
        >
          <Form.Item label={t('staff.people.username')} name="username" rules={[{ required: true, pattern: /^[a-z][a-z0-9._-]{2,63}$/, message: t('staff.people.required') }]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item label={t('staff.people.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 64, message: t('staff.people.required') }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item label={t('staff.people.password')} name="password" extra={t('staff.people.passwordHint')} rules={[{ required: true, min: 10, max: 128, message: t('staff.people.passwordHint') }]}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item label={t('staff.people.phone')} name="phone">
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item label={t('staff.people.email')} name="email" rules={[{ type: 'email' }]}>
            <Input maxLength={254} />
          </Form.Item>
          <MembershipFields units={units} />
        </DecisionButton>
      </ListFilters>
      <ErrorAlert error={action.error ?? users.error} onClose={action.clear} />
      <Table<AdminUser>
        rowKey="id"
        size="small"
        loading={users.loading}
        scroll={{ x: 'max-content' }}
        dataSource={shown}
        pagination={{ current: page, pageSize: PAGE_SIZE, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('app.total', { total }) }}
        columns={[
          { title: t('staff.people.username'), dataIndex: 'username' },
          { title: t('staff.people.displayName'), dataIndex: 'displayName' },
          {
            title: t('staff.people.roles'),
            key: 'roles',
            render: (_: unknown, u) => (
              <Space wrap size={4}>
                {u.memberships.map((m) => (
                  <Tag key={m.id}>
                    {roleText(m)}
                    <Button
                      type="text"
                      size="small"
                      icon={<CloseOutlined />}
                      loading={action.pending === `remove-${m.id}`}
                      aria-label={t('staff.people.removeRole', { role: `${u.displayName} ${roleText(m)}` })}
                      onClick={() => void removeRole(u, m.id)}
                    />
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('staff.people.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          { title: t('staff.people.active'), dataIndex: 'active', render: (a: boolean) => (a ? t('staff.people.activeYes') : t('staff.people.activeNo')) },
          {
            title: t('app.actions'),
            key: 'add-role',
            render: (_: unknown, u) => (
              <DecisionButton<{ role: Role; unitId?: string }>
                label={t('staff.people.addRole')}
                ariaLabel={`${t('staff.people.addRole')}：${u.displayName}`}
                title={t('staff.people.addRoleTitle', { name: u.displayName })}
                onSubmit={async (v) => {
                  const done = await api.post(`/admin/users/${u.id}/memberships`, { role: v.role, unitId: UNIT_ROLES.has(v.role) ? v.unitId : undefined });
                  void message.success(t('staff.people.roleAdded'));
                  users.reload();
                  return done;
                }}
              >
                <MembershipFields units={units} />
              </DecisionButton>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The fields of a unit, new or edited; the kind is chosen once, at creation. */
function UnitFields({ units, creating, selfId }: { units: AdminUnit[]; creating: boolean; selfId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item label={t('staff.people.unitName')} name="name" rules={[{ required: true, whitespace: true, max: 100, message: t('staff.people.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      {creating && (
        <Form.Item label={t('staff.people.kind')} name="kind" rules={[{ required: true, message: t('staff.people.required') }]}>
          <Select options={(['handling', 'office'] as const).map((k) => ({ value: k, label: t(`staff.people.kinds.${k}`) }))} />
        </Form.Item>
      )}
      <Form.Item label={t('staff.people.parent')} name="parentId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.filter((u) => u.id !== selfId && !u.parentId).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item label={t('staff.people.docPrefix')} name="docPrefix" rules={[{ max: 20 }]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item label={t('staff.people.workArea')} name="workArea" rules={[{ max: 40 }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item label={t('staff.people.remitKeywords')} name="remitKeywords" extra={t('staff.people.remitHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} maxCount={50} />
      </Form.Item>
    </>
  );
}

function UnitsTab({ units, onChanged }: { units: AdminUnit[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<AdminUnit['kind'] | ''>('');
  const [page, setPage] = useState(1);
  const shown = units.filter((u) => (!q || u.name.includes(q) || u.remitKeywords.some((k) => k.includes(q))) && (!kind || u.kind === kind));
  const saved = (unit: AdminUnit) => {
    void message.success(t('staff.people.unitSaved', { name: unit.name }));
    onChanged();
    return unit;
  };
  const body = (v: UnitValues) => ({
    name: v.name.trim(),
    parentId: v.parentId ?? null,
    docPrefix: blankToUndefined(v.docPrefix),
    workArea: blankToUndefined(v.workArea),
    remitKeywords: (v.remitKeywords ?? []).map((k) => k.trim()).filter(Boolean),
  });
  return (
    <Card className="panel">
      <ListFilters
        choiceLabel={t('staff.people.kind')}
        choice={kind}
        choices={(['handling', 'office'] as const).map((k) => ({ value: k, label: t(`staff.people.kinds.${k}`) }))}
        onSearch={setQ}
        onChoice={(value) => setKind(value as AdminUnit['kind'] | '')}
        onChange={() => setPage(1)}
      >
        <DecisionButton<UnitValues>
          label={t('staff.people.newUnit')}
          ariaLabel={t('staff.people.newUnit')}
          title={t('staff.people.newUnit')}
          initialValues={{ kind: 'handling' }}
          onSubmit={async (v) => saved(await api.post<AdminUnit>('/admin/units', { ...body(v), kind: v.kind }))}
        >
          <UnitFields units={units} creating />
        </DecisionButton>
      </ListFilters>
      <Table<AdminUnit>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        dataSource={shown}
        pagination={{ current: page, pageSize: PAGE_SIZE, showSizeChanger: false, onChange: setPage, showTotal: (total) => t('app.total', { total }) }}
        columns={[
          { title: t('staff.people.unitName'), dataIndex: 'name' },
          { title: t('staff.people.kind'), dataIndex: 'kind', render: (k: AdminUnit['kind']) => t(`staff.people.kinds.${k}`) },
          { title: t('staff.people.parent'), dataIndex: 'parentId', render: (id: string | null) => units.find((u) => u.id === id)?.name ?? '—' },
          { title: t('staff.people.docPrefix'), dataIndex: 'docPrefix', render: (p: string | null) => p ?? '—' },
          { title: t('staff.people.remitKeywords'), dataIndex: 'remitKeywords', render: (words: string[]) => (words.length ? words.map((w) => <Tag key={w}>{w}</Tag>) : '—') },
          {
            title: t('app.actions'),
            key: 'edit',
            render: (_: unknown, u) => (
              <DecisionButton<UnitValues>
                label={t('staff.common.edit')}
                ariaLabel={`${t('staff.common.edit')}：${u.name}`}
                title={t('staff.people.editUnit', { name: u.name })}
                initialValues={{ name: u.name, parentId: u.parentId, docPrefix: u.docPrefix ?? undefined, workArea: u.workArea ?? undefined, remitKeywords: u.remitKeywords }}
                onSubmit={async (v) => saved(await api.patch<AdminUnit>(`/admin/units/${u.id}`, { version: u.version, ...body(v) }))}
              >
                <UnitFields units={units} creating={false} selfId={u.id} />
              </DecisionButton>
            ),
          },
        ]}
      />
    </Card>
  );
}
