# Production image of the admin: static files behind nginx. /config.json is written at start
# from KEYCLOAK_URL, KEYCLOAK_REALM and KEYCLOAK_CLIENT_ID, so one image serves every environment.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY apps ./apps
COPY tools ./tools
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@nastavnik/admin

FROM nginx:1.29-alpine
COPY infra/docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY infra/nginx/ /etc/nginx/nastavnik/
COPY infra/docker/admin-config.sh /docker-entrypoint.d/40-admin-config.sh
COPY --from=build /app/apps/admin/dist /usr/share/nginx/html
