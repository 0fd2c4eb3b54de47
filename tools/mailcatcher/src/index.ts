export { startMailCatcher, type CaughtLetter, type MailCatcher, type MailCatcherOptions } from './catcher.js';
