# syntax=docker/dockerfile:1.7
# Image of the api or the worker: `docker build -f docker/node-app.Dockerfile --build-arg APP=api .`
# build:   the whole workspace, `nx run <app>:build` (webpack bundle + pruned package.json/lock)
# deps:    production dependencies of that bundle only (`npm ci --omit=dev` on the pruned lock)
# runtime: slim Node, no npm, non-root (uid 1000), read-only-root-filesystem friendly
# All three stages use the same pinned Node (the version CI and the local stack run).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error
COPY . .
ARG APP
RUN test -n "${APP}" || { echo "pass --build-arg APP=api or APP=worker" >&2; exit 1; } \
 && NX_DAEMON=false NX_NO_CLOUD=true npx nx run "${APP}:build" --output-style=static

FROM node:20.20.2-bookworm-slim AS deps
ARG APP
WORKDIR /app
# Nx writes a pruned package.json and lock file next to the bundle (generatePackageJson).
COPY --from=build /src/dist/apps/${APP}/package.json /src/dist/apps/${APP}/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM node:20.20.2-bookworm-slim AS runtime
ARG APP
# The package manager is not needed at run time; fewer binaries, fewer CVEs.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /opt/yarn-*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    APP=${APP}
WORKDIR /app
# Code and modules stay owned by root: the app user can read them, never change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist/apps/${APP}/ ./
# Exports and uploaded imports (TRANSFER_DIR); a volume shared by api and worker mounts here
# and takes this owner on first use.
RUN mkdir -p /var/lib/insight/transfers && chown 1000:1000 /var/lib/insight/transfers
# Numeric uid so Kubernetes can verify runAsNonRoot (the image's `node` user).
USER 1000:1000
# api listens on API_PORT (3000), the worker's health/metrics server on WORKER_PORT (3001).
EXPOSE 3000 3001
# Liveness only: /health never touches a dependency (readiness is the orchestrator's probe).
# (No --start-period: four 15 s retries already cover a start, and dockerfilelint 1.8
# cannot parse that option.)
HEALTHCHECK --interval=15s --timeout=3s --retries=4 \
  CMD ["node", "-e", "const p=process.env.APP==='worker'?(process.env.WORKER_PORT||3001):(process.env.API_PORT||3000);fetch('http://127.0.0.1:'+p+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
