# syntax=docker/dockerfile:1.7
# The Angular client, built once and served by unprivileged nginx (uid 101, port 8080):
# SPA fallback, long-lived caching of hashed assets, gzip, /api proxied to the API.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run web:build --output-style=static

FROM nginxinc/nginx-unprivileged:1.27.5-alpine AS runtime
COPY docker/nginx/web.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist/apps/web/browser /usr/share/nginx/html
# nginx-unprivileged writes its pid and temp files under /tmp only (read-only root works).
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
