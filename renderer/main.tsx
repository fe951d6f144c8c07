import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app';
import { connectToHost } from './host';
import './styles.css';

const connection = connectToHost(window);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connection.api} problem={connection.problem} />
  </StrictMode>,
);
