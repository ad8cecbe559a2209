import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, saveFile } from '../api/client';
import type { Reply, ReplyDocument } from '../api/types';
import { useErrorText } from './common';

/** The reply as the document reads (GB/T 9704 order): number and signer, grade, unit, title, text, contacts, copies, date. */
export function ReplyDocumentView({ document, body }: { document: ReplyDocument; body?: string }) {
  const { t } = useTranslation();
  return (
    <article className="reply-document" aria-label={document.title}>
      {(document.docNumber || document.signer) && (
        <div className="doc-head">
          <span>{document.docNumber}</span>
          {document.signer && (
            <span>
              {t('reply.signer')}：{document.signer}
            </span>
          )}
        </div>
      )}
      {document.grade && (
        <div className="doc-grade">
          {t('reply.grade')}：{document.grade}
        </div>
      )}
      <div className="doc-unit">{document.issuingUnit}</div>
      <h2 className="doc-title">{document.title}</h2>
      <p className="doc-addressee">{document.addressee}</p>
      <p className="doc-paragraph">{document.opening}</p>
      <div className="doc-body">{body ?? document.body}</div>
      {document.contactUnit && (
        <p className="doc-contact">
          {t('reply.contactUnit')}：{document.contactUnit}
          {document.contacts.length > 0 && (
            <>
              <br />
              {t('reply.contacts')}：{document.contacts.map((c) => `${c.name} ${c.phone}`).join('；')}
            </>
          )}
        </p>
      )}
      {document.date && <p className="doc-date">{document.date}</p>}
      {document.copies.length > 0 && (
        <p className="doc-copies">
          {t('reply.copies')}：{document.copies.join('、')}
        </p>
      )}
    </article>
  );
}

/** Downloads the signed PDF (the bytes signed at sign-off) under its document number. */
export function PdfButton({ reply }: { reply: Reply }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  if (!reply.signedDocument) return null;
  return (
    <Button
      icon={<FilePdfOutlined />}
      loading={pending}
      onClick={async () => {
        setPending(true);
        try {
          const { blob, fileName } = await api.download(`/replies/${reply.id}/document.pdf`, `${reply.document.docNumber ?? 'reply'}.pdf`);
          saveFile(blob, fileName);
        } catch (error) {
          const { hint } = errorText(error);
          void message.error(hint);
        } finally {
          setPending(false);
        }
      }}
    >
      {t('reply.downloadPdf')}
    </Button>
  );
}
