// First run: a short welcome and the two names.

import { api } from '../api.js';
import { h, focusElement, setBusy, isBusy } from '../dom.js';
import { textField, formMessages } from '../fields.js';
import { swatchGroup } from '../swatches.js';
import { store, reloadApp } from '../store.js';
import { importEverythingForm } from './import-everything.js';
import { joinForm } from './setup-join.js';
import { openBackupForm } from './backup-file.js';
import { nameProblem, sameNames, SAME_NAMES_MESSAGE } from '../validate.js';

export function renderSetup() {
  const you = textField({ id: 'partner-1-name', label: 'Your name' });
  const partner = textField({ id: 'partner-2-name', label: "Your partner's name" });
  const yourColor = swatchGroup({
    name: 'partner-1-color',
    legend: 'Your colour',
    hint: 'Optional. It marks what you write.',
  });
  const theirColor = swatchGroup({
    name: 'partner-2-color',
    legend: 'Their colour',
    hint: 'Optional. It marks what they write.',
  });
  const messages = formMessages('setup');
  const begin = h('button', { type: 'submit', class: 'button button--primary', id: 'setup-begin' }, 'Begin');

  const form = h('form', { class: 'setup-form', id: 'setup-form', novalidate: true, 'aria-labelledby': 'setup-form-title' },
    h('h2', { id: 'setup-form-title' }, 'First, your names'),
    h('p', { class: 'muted' }, 'You can change these later in Settings.'),
    h('div', { class: 'partner-pair' },
      h('div', { class: 'partner-block' }, you.el, yourColor.el),
      h('div', { class: 'partner-block' }, partner.el, theirColor.el)),
    messages.alert,
    h('div', { class: 'form-actions' }, begin));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(begin)) return;
    messages.clear();
    you.clearError();
    partner.clearError();

    const names = [you.input.value, partner.input.value];
    const problems = [nameProblem(names[0], 'your name'), nameProblem(names[1], "your partner's name")];
    if (problems[0]) you.showError(problems[0]);
    if (problems[1]) partner.showError(problems[1]);
    if (!problems[0] && !problems[1] && sameNames(names[0], names[1])) {
      problems[1] = SAME_NAMES_MESSAGE;
      partner.showError(SAME_NAMES_MESSAGE);
    }
    if (problems[0]) { you.input.focus(); return; }
    if (problems[1]) { partner.input.focus(); return; }

    setBusy(begin, true);
    form.setAttribute('aria-busy', 'true');
    try {
      const state = await api.setupCouple([
        { name: names[0].trim(), color: yourColor.value() },
        { name: names[1].trim(), color: theirColor.value() },
      ]);
      store.set(state);
    } catch (err) {
      // Everything typed stays in the fields; only the message is new.
      messages.showError(err.message);
      setBusy(begin, false);
      form.removeAttribute('aria-busy');
    }
  });

  // A couple moving laptops brings their export instead of starting afresh.
  const move = h('section', { class: 'welcome-move', id: 'setup-move' },
    importEverythingForm({
      title: 'Moving Hearth to this laptop?',
      intro: 'If you saved everything from Hearth on your other laptop (Settings → “Export everything”), '
        + 'bring that file here instead of starting afresh: your names, journal, rituals, check-ins and commitments come with it.',
      // The journal it brought replaces this welcome.
      onImported: (report) => { if (report.coupleSetUp) reloadApp(); },
    }),
    // Or their encrypted backup, which brings the whole journal as it was.
    openBackupForm({ onOpened: () => reloadApp() }));
  const toMove = h('button', { type: 'button', class: 'button button--quiet', id: 'setup-move-link' }, 'Bring everything from another laptop');
  toMove.addEventListener('click', () => {
    move.scrollIntoView({ block: 'start' });
    move.querySelector('input[type=file]')?.focus();
  });

  // A second laptop joins the journal the first one keeps (Two laptops).
  const join = joinForm();
  const toJoin = h('button', { type: 'button', class: 'button button--quiet', id: 'setup-join-link' }, 'Join a journal from another laptop');
  toJoin.addEventListener('click', () => join.show());

  const title = h('h1', { id: 'setup-title' }, 'Welcome to Hearth');
  const el = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' },
    h('div', { class: 'card welcome', id: 'view-setup' },
      h('span', { class: 'brand-mark brand-mark--large', 'aria-hidden': 'true' }),
      title,
      h('p', { class: 'lead' },
        'A quiet place for the two of you to rebuild trust, a little at a time: ',
        'a shared journal, small rituals you keep together, and a weekly check-in.'),
      h('p', {}, 'Everything stays on this laptop. There is no account, and nothing goes online.'),
      h('p', { class: 'welcome-moving' }, 'Already keep Hearth on another laptop? ', toJoin, ' to keep both in step, or ', toMove, ' to move it here.'),
      h('p', { id: 'setup-private' },
        'An entry you mark private is kept out of your partner’s view. Once you begin, each of you can set a passphrase ',
        'in Settings → Privacy, so that switching to you asks for it and your private pages are sealed with it. ',
        'Until then they are plain in the journal file, and the rest of the file isn’t encrypted yet.'),
      h('aside', { class: 'gentle-note', 'aria-label': 'Before you start' },
        h('p', {},
          'Hearth is not therapy, and it can’t stand in for a counsellor. ',
          'It is also not meant for a relationship where either of you feels unsafe. ',
          'If that is where you are, please reach out to someone you trust or a local support service first.')),
      form,
      join.el,
      move));

  return {
    el,
    focus: () => focusElement(title),
    title: 'Welcome · Hearth',
  };
}
