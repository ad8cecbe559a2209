import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, ConfigError, loadConfig, startLine } from '#app/core';
import { ApiModule } from './api.module.js';
import { configureApp } from './bootstrap.js';

async function bootstrap(): Promise<void> {
  loadConfig(); // fail fast, with every problem listed, before anything connects
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true });
  const { webApp } = configureApp(app);
  const { PORT, WEB_DIR } = app.get(AppConfig);
  await app.listen(PORT);
  console.log(startLine.api(PORT));
  console.log(webApp ? `Web app on http://localhost:${PORT}/` : `No web app in ${WEB_DIR}: run npm run build:web to serve it at http://localhost:${PORT}/`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
