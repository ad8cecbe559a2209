import type { ApiBodyOptions } from '@nestjs/swagger';

/** The multipart body of an upload: one part named file. */
export const IMPORT_UPLOAD_BODY: ApiBodyOptions = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '.xlsx of the kind’s template' } } },
};
