#!/bin/sh
# Writes the admin's runtime configuration before nginx starts (in the image: next to the static
# files; `npm run test:production` runs this same script with ADMIN_CONFIG_DIR set).
set -eu
cat > "${ADMIN_CONFIG_DIR:-/usr/share/nginx/html}/config.json" <<JSON
{"keycloakUrl":"${KEYCLOAK_URL:?KEYCLOAK_URL is required}","realm":"${KEYCLOAK_REALM:-nastavnik}","clientId":"${KEYCLOAK_CLIENT_ID:-admin}"}
JSON
