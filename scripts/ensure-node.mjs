// Fails early, in Russian and English, when the scripts are not running on the project's Node 24.
// `npm ci` installs the `node` package (a real Node 24 binary) into node_modules/.bin, and npm puts
// that folder first on PATH for every script, so `npm start` / `npm test` run on it even where the
// system Node is older.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Нужен Node.js 24, запущен ${process.version}. Выполните \`npm ci\` в корне репозитория ` +
      `(пакет node@24 ставится в node_modules/.bin) и запускайте через \`npm start\` / \`npm test\`.\n` +
      `Node.js 24 is required (found ${process.version}); run \`npm ci\` first.`,
  );
  process.exit(1);
}
