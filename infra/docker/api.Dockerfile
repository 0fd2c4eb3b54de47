# Production image of the API. Build from the repository root:
#   docker build -f infra/docker/api.Dockerfile -t nastavnik-api .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY apps/api ./apps/api
COPY apps/idp/package.json ./apps/idp/package.json
COPY apps/admin/package.json ./apps/admin/package.json
COPY tools/stack/package.json ./tools/stack/package.json
COPY tools/keycloak/package.json ./tools/keycloak/package.json
COPY tools/production/package.json ./tools/production/package.json
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@nastavnik/api...
# Production code only: no development dependencies (embedded-postgres, test tools), no demo data
# (dist/seed: `cli seed:demo` then says it is not in this build). The import rule in
# apps/api/.dependency-cruiser.cjs keeps main.js from needing any of them.
RUN npm prune --omit=dev --workspace=@nastavnik/api --include-workspace-root=false && rm -rf apps/api/dist/seed

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# A replica's heap limit. Without one V8 lets the old space grow with the host's free memory (a replica
# settled at 446–457 MB RSS under the production bench, garbage it had not yet collected); with it the
# replica stays near 320 MB at a fifth less throughput (docs/operations.md, «Memory of an API
# replica»). The production topology test and bench start their replicas with this same line.
ENV NODE_OPTIONS="--max-old-space-size=256"
# LibreOffice headless (Writer only, no GUI): the roadmap import converts .doc, .rtf and .odt to .docx
# with it (apps/api/src/engine/files/libreoffice.ts; ~5 s and ~210 MB per conversion, two at a time).
RUN apt-get update \
  && apt-get install -y --no-install-recommends libreoffice-writer-nogui \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages/domain/package.json ./packages/domain/package.json
COPY --from=build /app/packages/domain/dist ./packages/domain/dist
COPY --from=build /app/apps/api/package.json ./apps/api/package.json
COPY --from=build /app/apps/api/dist ./apps/api/dist
USER node
EXPOSE 4000
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/api/dist/main.js"]
