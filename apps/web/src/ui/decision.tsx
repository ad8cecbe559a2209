import { Button, Form, Modal } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useAction } from './common';

/**
 * A decision taken in a dialog: the button names the request, the dialog holds the fields, the API's
 * refusal shows inside it and the dialog stays open so the user can correct and retry.
 */
export function DecisionButton<V extends object>({ label, ariaLabel, title, danger, primary = !danger, disabled, initialValues, onSubmit, children }: {
  label: string;
  ariaLabel?: string;
  title: string;
  danger?: boolean;
  primary?: boolean;
  disabled?: boolean;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const action = useAction();
  const [form] = Form.useForm<V>();
  // A form name of its own, so its fields' ids never collide with the page's forms (label → input).
  const formName = useId();
  const finish = async (values: V) => {
    const done = await action.run('decide', () => onSubmit(values));
    if (done !== undefined) setOpen(false);
  };
  return (
    <>
      <Button size="small" type={primary ? 'primary' : 'default'} danger={danger} disabled={disabled} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={label}
        cancelText={t('app.cancel')}
        okButtonProps={{ danger }}
        confirmLoading={action.pending !== null}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          action.clear();
        }}
        destroyOnHidden
      >
        <ErrorAlert error={action.error} />
        <Form form={form} name={formName} layout="vertical" onFinish={finish} initialValues={initialValues}>
          {children}
        </Form>
      </Modal>
    </>
  );
}
