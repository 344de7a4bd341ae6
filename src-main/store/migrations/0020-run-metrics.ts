import type { Migration } from './types';

/**
 * Per-step and final metrics, one REAL column per StepMetrics / FinalMetrics field (NULL is NaN),
 * and `run_summary`, the per-run means over seeds that run lists show, kept by triggers.
 */
export default {
  version: 20,
  name: 'run-metrics',
  up(db) {
    db.exec(`
      CREATE TABLE run_steps (
        run_id               TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seed                 INTEGER NOT NULL,
        step                 INTEGER NOT NULL CHECK (step >= 0),   -- sampler step i; state at σ_{i+1}
        sigma                REAL,
        e_inf                REAL,                                  -- max_k |w_k − m_k|
        e1                   REAL,                                  -- Σ_k |w_k − m_k|
        v_nats               REAL,
        v_delta_nats         REAL,
        v_delta_coarse_nats  REAL,
        proj_cost_nats       REAL,
        displacement         REAL,
        mse                  REAL,
        psnr                 REAL,                                  -- dB
        PRIMARY KEY (run_id, seed, step)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE run_finals (
        run_id               TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seed                 INTEGER NOT NULL,
        e_inf                REAL,
        e1                   REAL,
        mse                  REAL,
        psnr                 REAL,                                  -- dB
        v_nats               REAL,
        v_delta_nats         REAL,
        v_delta_coarse_nats  REAL,
        PRIMARY KEY (run_id, seed)
      ) STRICT, WITHOUT ROWID;

      -- Means over the seeds whose value is defined (avg skips NULL, i.e. NaN).
      CREATE TABLE run_summary (
        run_id               TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        seeds_finished       INTEGER NOT NULL,
        e_inf                REAL,
        e1                   REAL,
        mse                  REAL,
        psnr                 REAL,
        v_nats               REAL,
        v_delta_nats         REAL,
        v_delta_coarse_nats  REAL
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER run_finals_summarise AFTER INSERT ON run_finals BEGIN
        INSERT OR REPLACE INTO run_summary
        SELECT run_id, count(*), avg(e_inf), avg(e1), avg(mse), avg(psnr), avg(v_nats), avg(v_delta_nats), avg(v_delta_coarse_nats)
        FROM run_finals WHERE run_id = NEW.run_id GROUP BY run_id;
      END;
    `);
  },
} satisfies Migration;
