import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { bootstrapHttpApp, loadConfigOrExit } from '@insight/platform';
import { AppModule } from './app/app.module';
import { documentProblemMediaType } from './app/common/openapi-problems';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await bootstrapHttpApp(AppModule.forRoot(config), config, {
    port: config.API_PORT,
    configure: async (app) => {
      // The refresh token travels in a cookie (see RefreshCookie).
      await app.register(fastifyCookie);
      // Imports upload a file; its size is limited per request (IMPORT_MAX_BYTES), not globally.
      await app.register(fastifyMultipart);
      if (!config.ENABLE_API_DOCS) return;
      const document = documentProblemMediaType(
        SwaggerModule.createDocument(
          app,
          new DocumentBuilder()
            .setTitle('Insight Tracker API')
            .setDescription(
              'Capture insights, organise them, link them into a typed graph and find them again.',
            )
            .setVersion('1')
            .addBearerAuth({
              type: 'http',
              scheme: 'bearer',
              description: 'An access token (from auth/login) or a personal access token (pat_…).',
            })
            .addCookieAuth('refresh_token')
            .build(),
        ),
      );
      SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
    },
  });
}

void main();
