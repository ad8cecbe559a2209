import type request from 'supertest';

/** The fields a 400 names (`details.fields[].field`). */
export const fieldsOf = (body: { details?: { fields?: Array<{ field: string }> } }): string[] | undefined => body.details?.fields?.map((f) => f.field);

/** Reads a binary response body (PDF, DOCX, attachments) into a Buffer; supertest leaves unknown types unparsed. */
export const binary = (test: request.Test): request.Test =>
  test.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
