# syntax=docker/dockerfile:1.7
# The Angular client, built once and served by nginx (SPA fallback, /api proxied).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN NX_DAEMON=false npx nx run web:build --output-style=static

FROM nginxinc/nginx-unprivileged:1.27.5-alpine AS runtime
COPY docker/nginx/web.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist/apps/web/browser /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
