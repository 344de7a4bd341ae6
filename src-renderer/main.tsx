import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectLab } from './api/client';
import { App } from './App';
import './styles/base.css';
import './styles/shell.css';
import './styles/run.css';
import './styles/builder.css';
import './styles/partition.css';
import './styles/history.css';
import './styles/compare.css';
import './styles/instruments.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App client={connectLab()} />
  </StrictMode>,
);
