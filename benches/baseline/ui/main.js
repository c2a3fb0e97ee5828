// Reports readiness after the first frame is painted, as Hearth's page does.
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI__.core.invoke('ready')));
