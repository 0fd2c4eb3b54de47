#!/bin/sh
# Writes the admin's runtime configuration before nginx starts.
set -eu
cat > /usr/share/nginx/html/config.json <<JSON
{"keycloakUrl":"${KEYCLOAK_URL:?KEYCLOAK_URL is required}","realm":"${KEYCLOAK_REALM:-nastavnik}","clientId":"${KEYCLOAK_CLIENT_ID:-admin}"}
JSON
