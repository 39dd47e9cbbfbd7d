import { app } from 'electron';
import Database from 'better-sqlite3';
console.log(app, Database);
