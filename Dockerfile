# The app's container image: compiled JavaScript, production dependencies and package.json on
# Node.js 20, run by node itself as an unprivileged numeric user.
#
# The official path needs no arguments. Build arguments exist for machines that cannot reach the
# public registries: NODE_IMAGE picks another base with Node.js 20 (`node` and `npm` on PATH),
# NPM_REGISTRY another npm registry (no credentials in it: it is recorded in the build stages),
# and NPM_EXTRA_CA_CERTS the path, inside the build, of a PEM bundle that npm should trust in
# addition to Node's own roots (for a proxy that re-signs TLS; the file must be in the base image).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS npm-install
ARG NPM_REGISTRY=""
ARG NPM_EXTRA_CA_CERTS=""
# Empty values leave npm and Node at their defaults. These stages are never shipped, so nothing set
# here reaches the final image.
ENV npm_config_registry=${NPM_REGISTRY} \
    NODE_EXTRA_CA_CERTS=${NPM_EXTRA_CA_CERTS} \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app
COPY package.json package-lock.json ./

FROM npm-install AS build
# No dependency needs its install scripts to compile the app, so none of them runs.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src-app ./src-app
RUN npm run build

FROM npm-install AS production-dependencies
RUN npm ci --omit=dev --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# A fixed numeric id, so that `runAsNonRoot` can verify it without reading /etc/passwd. -l stops
# useradd from writing login records at an offset set by the uid, which bloats the layer.
RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-log-init --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin app
# Copied files stay owned by root with no write bits for others: the app cannot change its code.
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json ./
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
# The image has no curl; node's fetch asks the liveness route on the port the app listens on.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz') \
        .then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and receives SIGTERM itself (the app drains its requests and exits 0), rather than
# behind the official image's entrypoint script or npm.
ENTRYPOINT []
CMD ["node", "build/src-app/main.js"]
