// Kept under its old name (apps/admin's e2e script and .ci/run call it): installs every system tool
// the tests drive — Chromium for the browser tests, poppler-utils for the PDF export tests — with
// apt when missing. See ensure-test-tools.mjs.
import { ensureTestTools } from './ensure-test-tools.mjs';

ensureTestTools();
