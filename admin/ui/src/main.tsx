import { render } from 'preact';
import { effect } from '@preact/signals';
import { App } from './components/App';
import { locale, t } from './i18n';
import { loadSession } from './store/session';
import './styles.css';

effect(() => {
  document.documentElement.lang = locale.value;
  document.title = t('app.title');
});

void loadSession();
render(<App />, document.getElementById('app')!);
