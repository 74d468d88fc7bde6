# syntax=docker/dockerfile:1.7
# Image for the api or the worker: `--build-arg APP=api|worker`.
# Stage 1 builds with the whole workspace; the final stage has production modules only.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
ARG APP
RUN test -n "${APP}" && NX_DAEMON=false npx nx run "${APP}:build" --output-style=static

FROM ${NODE_IMAGE} AS deps
ARG APP
WORKDIR /app
# Nx writes a pruned package.json and lock file next to the bundle (generatePackageJson).
COPY --from=build /src/dist/apps/${APP}/package.json /src/dist/apps/${APP}/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production HOST=0.0.0.0 APP=${APP}
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist/apps/${APP}/ ./
USER node
EXPOSE 3000 3001
# Liveness only: /health never touches a dependency.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "const p=process.env.APP==='worker'?(process.env.WORKER_PORT||3001):(process.env.API_PORT||3000);fetch('http://127.0.0.1:'+p+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "main.js"]
