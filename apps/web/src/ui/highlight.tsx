import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The API's escaped text back to plain characters (React escapes it again when rendering). */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * A search highlight from the API: HTML-escaped text in which only `<mark>…</mark>` is markup. Split into
 * text and marked runs and rendered as React nodes, so nothing the user wrote can become HTML.
 */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/(<mark>[\s\S]*?<\/mark>)/g).filter((part) => part.length > 0);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith('<mark>') && part.endsWith('</mark>') ? (
          <mark key={index}>{unescape(part.slice(6, -7))}</mark>
        ) : (
          <Fragment key={index}>{unescape(part)}</Fragment>
        ),
      )}
    </>
  );
}

/** The passages where a search matched, as a labelled list (nothing when there are none). */
export function HighlightList({ items, label }: { items: ReadonlyArray<{ text: string }> | undefined; label: string }) {
  if (!items || items.length === 0) return null;
  return (
    <ul className="search-highlights" aria-label={label}>
      {items.map((h, index) => (
        <li key={index}>
          <Highlighted text={h.text} />
        </li>
      ))}
    </ul>
  );
}
