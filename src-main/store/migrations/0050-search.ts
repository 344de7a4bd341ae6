import type { Migration } from './types';

/**
 * Full-text search (FTS5) over the names and notes of runs and experiments, as external-content
 * indexes on the tables' stable `seq` rowids, kept in sync by triggers.
 */
export default {
  version: 50,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE runs_fts USING fts5 (
        name, notes, variant, content = 'runs', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER runs_fts_insert AFTER INSERT ON runs BEGIN
        INSERT INTO runs_fts (rowid, name, notes, variant) VALUES (NEW.seq, NEW.name, NEW.notes, NEW.variant);
      END;
      CREATE TRIGGER runs_fts_delete AFTER DELETE ON runs BEGIN
        INSERT INTO runs_fts (runs_fts, rowid, name, notes, variant) VALUES ('delete', OLD.seq, OLD.name, OLD.notes, OLD.variant);
      END;
      CREATE TRIGGER runs_fts_update AFTER UPDATE OF name, notes, variant ON runs BEGIN
        INSERT INTO runs_fts (runs_fts, rowid, name, notes, variant) VALUES ('delete', OLD.seq, OLD.name, OLD.notes, OLD.variant);
        INSERT INTO runs_fts (rowid, name, notes, variant) VALUES (NEW.seq, NEW.name, NEW.notes, NEW.variant);
      END;
      INSERT INTO runs_fts (runs_fts) VALUES ('rebuild');

      CREATE VIRTUAL TABLE experiments_fts USING fts5 (
        name, notes, preset, content = 'experiments', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER experiments_fts_insert AFTER INSERT ON experiments BEGIN
        INSERT INTO experiments_fts (rowid, name, notes, preset) VALUES (NEW.seq, NEW.name, NEW.notes, NEW.preset);
      END;
      CREATE TRIGGER experiments_fts_delete AFTER DELETE ON experiments BEGIN
        INSERT INTO experiments_fts (experiments_fts, rowid, name, notes, preset) VALUES ('delete', OLD.seq, OLD.name, OLD.notes, OLD.preset);
      END;
      CREATE TRIGGER experiments_fts_update AFTER UPDATE OF name, notes, preset ON experiments BEGIN
        INSERT INTO experiments_fts (experiments_fts, rowid, name, notes, preset) VALUES ('delete', OLD.seq, OLD.name, OLD.notes, OLD.preset);
        INSERT INTO experiments_fts (rowid, name, notes, preset) VALUES (NEW.seq, NEW.name, NEW.notes, NEW.preset);
      END;
      INSERT INTO experiments_fts (experiments_fts) VALUES ('rebuild');
    `);
  },
} satisfies Migration;
