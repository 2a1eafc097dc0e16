/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createScoringApi } from './scoring.api';

Comlink.expose(createScoringApi());
