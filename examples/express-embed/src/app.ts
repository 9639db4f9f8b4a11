import type { KubeServer } from '@kubekit/server';
import { keepRawBody, kubeRouter } from '@kubekit/express';
import express, { type Express } from 'express';

export interface Todo {
  id: number;
  title: string;
}

/** Where the Kubernetes API is mounted in the app. */
export const KUBE_PATH = '/k8s';

/**
 * The app as it was before Kubernetes came along (a to-do list, its own JSON parser and health
 * check), with one line more: the API server under /k8s.
 */
export function createApp(server: KubeServer): Express {
  const app = express();
  const todos: Todo[] = [];
  // The app's parser runs first, app-wide: keepRawBody keeps the bytes the Kubernetes API needs.
  app.use(express.json({ verify: keepRawBody }));
  app.get('/healthz', (_req, res) => void res.json({ status: 'up' }));
  app.get('/todos', (_req, res) => void res.json(todos));
  app.post('/todos', (req, res) => {
    const todo = { id: todos.length + 1, title: String((req.body as { title?: unknown }).title ?? '') };
    todos.push(todo);
    res.status(201).json(todo);
  });
  app.use(KUBE_PATH, kubeRouter(server));
  return app;
}
