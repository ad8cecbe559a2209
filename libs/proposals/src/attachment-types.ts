/**
 * The files a proposal may carry, recognised by their content (magic bytes) and their extension
 * together: a name saying .pdf on bytes that are not a PDF is refused, as is anything not listed.
 */
export interface AttachmentType {
  extensions: readonly string[];
  contentType: string;
  matches(bytes: Buffer): boolean;
}

const startsWith = (signature: number[]) => (bytes: Buffer) => signature.every((byte, i) => bytes[i] === byte);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** UTF-8 text without NUL bytes (a plain-text attachment). */
function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export const ATTACHMENT_TYPES: readonly AttachmentType[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { extensions: ['png'], contentType: 'image/png', matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', matches: startsWith([0xff, 0xd8, 0xff]) },
  { extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: ZIP },
  { extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: ZIP },
  { extensions: ['pptx'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', matches: ZIP },
  /** OFD: the Chinese national standard for fixed-layout documents (GB/T 33190). */
  { extensions: ['ofd'], contentType: 'application/ofd', matches: ZIP },
  { extensions: ['doc'], contentType: 'application/msword', matches: OLE },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', matches: OLE },
  { extensions: ['txt'], contentType: 'text/plain; charset=utf-8', matches: isText },
];

export const ALLOWED_EXTENSIONS = ATTACHMENT_TYPES.flatMap((t) => t.extensions);

/** The type of a file by its name and bytes, or null when it is not allowed or the bytes say otherwise. */
export function attachmentTypeOf(fileName: string, bytes: Buffer): AttachmentType | null {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const type = ATTACHMENT_TYPES.find((t) => extension !== undefined && t.extensions.includes(extension));
  return type && type.matches(bytes) ? type : null;
}

/**
 * Why a file name given with an upload is refused, or null: folders in it (`/`, `\\`, `..`: a path,
 * not a name), control characters (NUL included), or more than 200 characters. Refused, not cleaned,
 * so nobody is surprised by the name the file is kept under.
 */
export function fileNameProblem(name: string): string | null {
  if (/[\\/]/.test(name) || name.split(/[\\/]/).includes('..')) return 'file name must be a plain name, without folders (no /, \\ or ..)';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'file name must not contain control characters';
  if ([...name].length > 200) return 'file name must be at most 200 characters long; rename the file';
  return null;
}

/** A file name safe to store and show: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - extension.length) + extension;
}
