// Settings: the two names and colours, where the data lives, export and
// import, backups, and About.

import { api } from '../api.js';
import { h, setCssVar, setBusy, isBusy } from '../dom.js';
import { textField, formMessages } from '../fields.js';
import { swatchGroup } from '../swatches.js';
import { exchangeSection } from './settings-exchange.js';
import { remindersSection } from './settings-reminders.js';
import { backupsSection, announceRestore } from './settings-backups.js';
import { privacySection } from './settings-privacy.js';
import { syncSection } from './settings-sync.js';
import { store, reloadApp } from '../store.js';
import { nameProblem, sameNames, SAME_NAMES_MESSAGE } from '../validate.js';

function partnerEditor(partner, index) {
  const n = index + 1;
  const legendName = h('span', { class: 'partner-legend-name' }, partner.name);
  const name = textField({ id: `settings-partner-${n}-name`, label: 'Name', value: partner.name });
  const color = swatchGroup({ name: `settings-partner-${n}-color`, legend: 'Colour', selected: partner.color });
  const el = h('fieldset', { class: 'partner-card', id: `settings-partner-${n}` },
    h('legend', { class: 'partner-legend' },
      h('span', { class: 'writer-dot', 'aria-hidden': 'true' }), legendName),
    name.el, color.el);
  setCssVar(el, '--partner-color', partner.color);
  color.onChange((value) => setCssVar(el, '--partner-color', value));

  return {
    id: partner.id,
    el,
    name,
    color,
    /** Shows the saved partner without touching anything being typed. */
    refresh(saved) {
      legendName.textContent = saved.name;
      setCssVar(el, '--partner-color', color.value() ?? saved.color);
    },
  };
}

function section(id, title, ...content) {
  return h('section', { class: 'settings-section', 'aria-labelledby': id },
    h('h2', { id }, title), content);
}

export function renderSettings(state) {
  const heading = h('h1', { id: 'settings-title' }, 'Settings');
  const editors = (state.partners ?? []).slice(0, 2).map(partnerEditor);
  const messages = formMessages('settings');
  const save = h('button', { type: 'submit', class: 'button button--primary', id: 'settings-save' }, 'Save changes');

  const form = h('form', { class: 'settings-form', id: 'settings-form', novalidate: true, 'aria-labelledby': 'settings-partners-title' },
    h('div', { class: 'partner-pair' }, editors.map((e) => e.el)),
    messages.alert,
    h('div', { class: 'form-actions' }, save, messages.status));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    messages.clear();
    editors.forEach((e) => e.name.clearError());

    const values = editors.map((e) => ({ name: e.name.input.value, color: e.color.value() }));
    let firstBad = null;
    editors.forEach((e, i) => {
      const problem = nameProblem(values[i].name, 'a name');
      if (problem) { e.name.showError(problem); firstBad ??= e; }
    });
    if (!firstBad && values.length === 2 && sameNames(values[0].name, values[1].name)) {
      editors[1].name.showError(SAME_NAMES_MESSAGE);
      firstBad = editors[1];
    }
    if (firstBad) { firstBad.name.input.focus(); return; }

    const current = store.get();
    const changed = editors.filter((e, i) => {
      const saved = current.partners.find((p) => p.id === e.id);
      return !saved
        || values[i].name.trim() !== saved.name
        || (values[i].color ?? '').toLowerCase() !== (saved.color ?? '').toLowerCase();
    });
    if (!changed.length) {
      messages.showStatus('Nothing to save; everything is as it was.');
      return;
    }

    setBusy(save, true);
    form.setAttribute('aria-busy', 'true');
    try {
      for (const editor of changed) {
        const i = editors.indexOf(editor);
        const next = await api.updatePartner(editor.id, { name: values[i].name.trim(), color: values[i].color });
        store.set(next);
        const saved = next.partners?.find((p) => p.id === editor.id);
        if (saved) editor.name.input.value = saved.name;
      }
      messages.showStatus('Saved.');
    } catch (err) {
      // Whatever was typed stays in the fields.
      messages.showError(err.message);
    } finally {
      setBusy(save, false);
      form.removeAttribute('aria-busy');
    }
  });

  const dataDir = h('p', { class: 'path', id: 'settings-data-dir' }, state.dataDir ?? '');
  const privacy = privacySection();
  const el = h('div', { class: 'place', id: 'view-settings', role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading),
    section('settings-partners-title', 'The two of you',
      h('p', { class: 'muted' }, 'Names can be up to 40 characters. Colours mark what each of you writes.'),
      form),
    privacy.el,
    section('settings-data-title', 'Where your journal is kept',
      h('p', {}, 'Everything Hearth saves lives in this folder on this laptop, and nowhere else:'),
      dataDir,
      state.databasePath
        ? h('p', { class: 'muted' }, 'The journal itself is the file ',
          h('span', { class: 'path path--inline', id: 'settings-database-path' }, state.databasePath), '.')
        : null),
    syncSection().el,
    remindersSection(),
    exchangeSection(),
    backupsSection({
      onRestored(report, when) {
        reloadApp();
        announceRestore(report, when);
      },
    }).el,
    section('settings-keys-title', 'Keyboard',
      h('ul', { class: 'keys' },
        h('li', {}, h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'S'), ' switches who is writing'),
        h('li', {}, h('kbd', {}, 'Alt'), '+', h('kbd', {}, '1'), ' to ', h('kbd', {}, '5'),
          ' go to Today, Journal, Rituals, Check-ins and Settings'))),
    section('settings-about-title', 'About Hearth',
      h('p', {},
        'Hearth helps you keep doing the small, steady things that rebuild trust. ',
        'It is not therapy, and it doesn’t try to be.'),
      h('p', {},
        'If your talks keep going in circles, or hurt more than they help, a couples therapist can walk with you. ',
        'Asking for that help is a sign of care, not of failure.'),
      h('p', { class: 'muted' },
        'If anyone in your relationship is unsafe, Hearth is not the right tool. ',
        'Please contact a local support service, or emergency services if you are in danger.')));

  return {
    el,
    heading,
    title: 'Settings',
    update(next) {
      for (const editor of editors) {
        const saved = next.partners?.find((p) => p.id === editor.id);
        if (saved) editor.refresh(saved);
      }
      dataDir.textContent = next.dataDir ?? '';
      privacy.update(next);
    },
  };
}
