import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuthService, clientAddress } from '#app/auth';
import { DELIVERY_QUEUE, DomainError, QUEUES } from '#app/core';
import { Membership, Role } from '#app/org';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Bull Board for operators at /api/admin/queues. A browser page cannot send a bearer token, so it asks
 * for the username and password of an administrator (HTTP Basic, over TLS in production).
 */
export function mountQueueBoard(app: INestApplication): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [QUEUES.reminders, DELIVERY_QUEUE].map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  app.use(QUEUE_BOARD_PATH, adminOnly(app.get(AuthService), app.get<DataSource>(getDataSourceToken())), adapter.getRouter());
}

function adminOnly(auth: AuthService, dataSource: DataSource) {
  const refuse = (response: Response) =>
    response
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="cppcc-queues", charset="UTF-8"')
      .json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'The queue board is for administrators: sign in with an administrator account' });
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return void refuse(response);
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1 || decoded.length > 300) return void refuse(response);
    try {
      const user = await auth.validateCredentials(decoded.slice(0, colon), decoded.slice(colon + 1), clientAddress(request));
      const isAdmin = user && (await dataSource.getRepository(Membership).existsBy({ userId: user.id, role: Role.Admin }));
      if (!isAdmin) return void refuse(response);
      next();
    } catch (error) {
      // A locked account or address: the same 429 and Retry-After as the login route.
      if (error instanceof DomainError && error.kind === 'too_many') {
        return void response
          .status(429)
          .set('Retry-After', String(error.details?.retryAfterSeconds ?? 60))
          .json({ statusCode: 429, code: error.code, message: error.message });
      }
      next(error);
    }
  };
}
