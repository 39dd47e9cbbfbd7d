import { runApp } from './lifecycle';

runApp();
