-- A notebook frozen at schema 0004_live_call_index, with a little data (some of it with ø and
-- Japanese); tests migrate a copy of it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE account (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_account PRIMARY KEY (id), 
	CONSTRAINT uq_account_name UNIQUE (name)
);
INSERT INTO account VALUES(1,'Frozen Fjord Ltd','2026-01-05 09:00:00');
INSERT INTO account VALUES(2,'Sørensen Logistik','2026-02-01 09:00:00');
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('0004_live_call_index');
CREATE TABLE call (
	id INTEGER NOT NULL, 
	account_id INTEGER NOT NULL, 
	deal_id INTEGER, 
	title VARCHAR(300) NOT NULL, 
	started_at DATETIME NOT NULL, 
	ended_at DATETIME, 
	notes TEXT NOT NULL, 
	notes_saved_at DATETIME, 
	outcome VARCHAR(20), 
	summary TEXT NOT NULL, 
	CONSTRAINT pk_call PRIMARY KEY (id), 
	CONSTRAINT fk_call_account_id_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE, 
	CONSTRAINT fk_call_deal_id_deal FOREIGN KEY(deal_id) REFERENCES deal (id) ON DELETE SET NULL
);
INSERT INTO call VALUES(1,1,1,'Kickoff','2026-01-06 10:00:00','2026-01-06 10:40:00','Ava wants a pilot; procurement unknown',NULL,'advanced','');
INSERT INTO call VALUES(2,2,NULL,'Budget review','2026-02-02 10:00:00','2026-02-02 10:30:00','Mette Sørensen said the 予算が凍結された until spring',NULL,'stalled','');
CREATE TABLE call_attendee (
	call_id INTEGER NOT NULL, 
	stakeholder_id INTEGER NOT NULL, 
	mentioned_only BOOLEAN NOT NULL, 
	CONSTRAINT pk_call_attendee PRIMARY KEY (call_id, stakeholder_id), 
	CONSTRAINT fk_call_attendee_call_id_call FOREIGN KEY(call_id) REFERENCES call (id) ON DELETE CASCADE, 
	CONSTRAINT fk_call_attendee_stakeholder_id_stakeholder FOREIGN KEY(stakeholder_id) REFERENCES stakeholder (id) ON DELETE CASCADE
);
INSERT INTO call_attendee VALUES(1,1,0);
CREATE TABLE call_marker (
	id INTEGER NOT NULL, 
	call_id INTEGER NOT NULL, 
	kind VARCHAR(30) NOT NULL, 
	elapsed_seconds INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	CONSTRAINT pk_call_marker PRIMARY KEY (id), 
	CONSTRAINT fk_call_marker_call_id_call FOREIGN KEY(call_id) REFERENCES call (id) ON DELETE CASCADE
);
CREATE TABLE deal (
	id INTEGER NOT NULL, 
	account_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	checklist VARCHAR(20) NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_deal PRIMARY KEY (id), 
	CONSTRAINT fk_deal_account_id_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE, 
	CONSTRAINT uq_deal_account_id UNIQUE (account_id, name)
);
INSERT INTO deal VALUES(1,1,'Cold storage','meddpicc','2026-01-05 09:00:00');
CREATE TABLE lesson (
	id INTEGER NOT NULL, 
	call_id INTEGER, 
	account_id INTEGER, 
	title VARCHAR(300) NOT NULL, 
	outcome VARCHAR(20), 
	feeling TEXT NOT NULL, 
	what_happened TEXT NOT NULL, 
	do_differently TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_lesson PRIMARY KEY (id), 
	CONSTRAINT fk_lesson_account_id_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE SET NULL, 
	CONSTRAINT fk_lesson_call_id_call FOREIGN KEY(call_id) REFERENCES call (id) ON DELETE SET NULL
);
INSERT INTO lesson VALUES(1,1,1,'Never asked about procurement','stalled','','Procurement appeared late.','Ask about the paper process early.','2026-01-07 10:00:00');
INSERT INTO lesson VALUES(2,2,2,'Frozen budget at Sørensen','stalled','','Budget frozen by the CFO.','Ask about the budget cycle.','2026-02-03 10:00:00');
CREATE TABLE lesson_cause (
	lesson_id INTEGER NOT NULL, 
	cause_id VARCHAR(60) NOT NULL, 
	evidence TEXT NOT NULL, 
	controllable BOOLEAN NOT NULL, 
	CONSTRAINT pk_lesson_cause PRIMARY KEY (lesson_id, cause_id), 
	CONSTRAINT fk_lesson_cause_cause_id_root_cause FOREIGN KEY(cause_id) REFERENCES root_cause (id) ON DELETE RESTRICT ON UPDATE CASCADE, 
	CONSTRAINT fk_lesson_cause_lesson_id_lesson FOREIGN KEY(lesson_id) REFERENCES lesson (id) ON DELETE CASCADE
);
INSERT INTO lesson_cause VALUES(1,'missed-boss','procurement unknown',1);
INSERT INTO lesson_cause VALUES(2,'wrong-priority','not in this year''s plan',1);
CREATE TABLE next_step (
	id INTEGER NOT NULL, 
	call_id INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	due DATE, 
	done BOOLEAN NOT NULL, 
	CONSTRAINT pk_next_step PRIMARY KEY (id), 
	CONSTRAINT fk_next_step_call_id_call FOREIGN KEY(call_id) REFERENCES call (id) ON DELETE CASCADE
);
CREATE TABLE qualification_item (
	id INTEGER NOT NULL, 
	deal_id INTEGER NOT NULL, 
	framework VARCHAR(20) NOT NULL, 
	field VARCHAR(40) NOT NULL, 
	state VARCHAR(10) NOT NULL, 
	note TEXT NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_qualification_item PRIMARY KEY (id), 
	CONSTRAINT fk_qualification_item_deal_id_deal FOREIGN KEY(deal_id) REFERENCES deal (id) ON DELETE CASCADE, 
	CONSTRAINT uq_qualification_item_deal_id UNIQUE (deal_id, framework, field)
);
CREATE TABLE root_cause (
	id VARCHAR(60) NOT NULL, 
	name VARCHAR(120) NOT NULL, 
	question TEXT NOT NULL, 
	prompt TEXT NOT NULL, 
	retired BOOLEAN NOT NULL, 
	sort_order INTEGER NOT NULL, 
	CONSTRAINT pk_root_cause PRIMARY KEY (id)
);
INSERT INTO root_cause VALUES('no-boundaries','No boundaries','Did you propose a concrete starting option?','Open with “We propose you start with…” and two or three defined choices',0,0);
INSERT INTO root_cause VALUES('missed-boss','Missed the boss','Do you know who makes the final decision, and did you reach them?','Ask who else decides and how decisions like this get made',0,1);
INSERT INTO root_cause VALUES('avoided-hard-talk','Avoided hard talk','Did you discuss risks, failure and what happens if things go wrong?','Raise how a failure would be handled, before they ask',0,2);
INSERT INTO root_cause VALUES('wrong-priority','Wrong priority','Do you know where this ranks among their priorities?','Ask where this sits; aim for a credible number three',0,3);
INSERT INTO root_cause VALUES('no-insight','No insight','Did you bring an idea they had not considered?','Bring one idea about what should keep them awake',0,4);
INSERT INTO root_cause VALUES('product-pitch','Product pitch','Was most of the call about their situation rather than your product?','Talk about their goals before your product',0,5);
INSERT INTO root_cause VALUES('no-discovery','No discovery','Did you ask what they want, rather than assume?','Ask what they want, and listen',0,6);
INSERT INTO root_cause VALUES('no-next-step','No next step','Did you agree a dated next step?','Leave with a dated next step',0,7);
INSERT INTO root_cause VALUES('slow-decision','Not ready to move fast','Did you help them prepare to move fast once they decide?','Offer the resources that let them move fast',0,8);
INSERT INTO root_cause VALUES('brand-trust','Lost on familiarity','Did you address the decision maker’s need for safety and legitimacy?','Bring references and a case study for the non-technical buyer',0,9);
INSERT INTO root_cause VALUES('poor-listening','Talked more than listened','Did they talk more than you did?','Ask, then stop talking; summarise what you heard',0,10);
INSERT INTO root_cause VALUES('no-urgency','No reason to act now','Is there a dated event that makes them act?','Find the compelling event and its date',0,11);
INSERT INTO root_cause VALUES('no-value-case','Price without value','Did you put a number on what the problem costs them?','Quantify the cost of doing nothing before you name a price',0,12);
INSERT INTO root_cause VALUES('no-preparation','Unprepared','Did you research the account and the people before the call?','Spend ten minutes on the account and the attendees first',0,13);
CREATE TABLE stakeholder (
	id INTEGER NOT NULL, 
	account_id INTEGER NOT NULL, 
	deal_id INTEGER, 
	name VARCHAR(200) NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	decision_role VARCHAR(30) NOT NULL, 
	attitude VARCHAR(20) NOT NULL, 
	influence INTEGER NOT NULL, 
	coverage VARCHAR(20) NOT NULL, 
	last_contact DATE, 
	notes TEXT NOT NULL, 
	placeholder BOOLEAN NOT NULL, 
	pos_x FLOAT, 
	pos_y FLOAT, 
	created_at DATETIME NOT NULL, 
	CONSTRAINT pk_stakeholder PRIMARY KEY (id), 
	CONSTRAINT ck_stakeholder_influence_range CHECK (influence BETWEEN 1 AND 5), 
	CONSTRAINT fk_stakeholder_account_id_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE, 
	CONSTRAINT fk_stakeholder_deal_id_deal FOREIGN KEY(deal_id) REFERENCES deal (id) ON DELETE SET NULL
);
INSERT INTO stakeholder VALUES(1,1,NULL,'Ava Berg','Head of Ops','champion','supporter',3,'in_depth',NULL,'',0,NULL,NULL,'2026-01-05 09:00:00');
CREATE TABLE stakeholder_link (
	id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	target_id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	CONSTRAINT pk_stakeholder_link PRIMARY KEY (id), 
	CONSTRAINT ck_stakeholder_link_not_self CHECK (source_id <> target_id), 
	CONSTRAINT fk_stakeholder_link_source_id_stakeholder FOREIGN KEY(source_id) REFERENCES stakeholder (id) ON DELETE CASCADE, 
	CONSTRAINT fk_stakeholder_link_target_id_stakeholder FOREIGN KEY(target_id) REFERENCES stakeholder (id) ON DELETE CASCADE, 
	CONSTRAINT uq_stakeholder_link_source_id UNIQUE (source_id, target_id, kind)
);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','fts_lesson','fts_lesson',0,'CREATE VIRTUAL TABLE fts_lesson USING fts5(title, what_happened, do_differently, feeling, content=''lesson'', content_rowid=''id'', tokenize=''porter unicode61 remove_diacritics 2'', prefix=''4 5'')');
CREATE TABLE IF NOT EXISTS 'fts_lesson_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO fts_lesson_data VALUES(1,X'0208080b00');
INSERT INTO fts_lesson_data VALUES(10,X'000000010102020002010101020101');
INSERT INTO fts_lesson_data VALUES(137438953473,X'00000113063061626f75740108040102030205707065617201060101030202736b01080301020201056561726c69010601020701046c617465010601010401056e657665720102020105706170657201060102050206726f636573730106010206050275720108050101020103746865010601020400053161626f750108040102030203707065010601010301046561726c010601020701046c617465010601010401046e65766501020201047061706501060102050203726f63010e0501010201020600063261626f7574010804010203020470706561010601010301056561726c69010601020701056e657665720102020105706170657201060102050204726f63650106010206050175010805010102040d0c0a0c0b0a0c0d0a0a0d0a0b0b090b0e0e0b0c0a0c0b');
INSERT INTO fts_lesson_data VALUES(274877906945,X'000000e6063061626f757402060102030202736b02060102020201740202040106627564676574020e030101020102050201790206010104010363666f0206010106020379636c0206010206010666726f7a656e020802010103010973c3b872656e73656e0202050103746865020c01010501020400053161626f750206010203010462756467020e0301010201020501046379636c0206010206010466726f7a020802010103010573c3b8726502020500063261626f7574020601020301056275646765020e03010102010205010566726f7a65020802010103010673c3b872656e020205040c090611080a0a0e0e0d0c0f0b0c0a0d100d');
CREATE TABLE IF NOT EXISTS 'fts_lesson_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO fts_lesson_idx VALUES(1,X'',2);
INSERT INTO fts_lesson_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'fts_lesson_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO fts_lesson_docsize VALUES(1,X'04030600');
INSERT INTO fts_lesson_docsize VALUES(2,X'04050500');
CREATE TABLE IF NOT EXISTS 'fts_lesson_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO fts_lesson_config VALUES('rank','bm25(4.0, 2.0, 2.0, 1.0)');
INSERT INTO fts_lesson_config VALUES('version',4);
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','fts_call','fts_call',0,'CREATE VIRTUAL TABLE fts_call USING fts5(title, notes, content=''call'', content_rowid=''id'', tokenize=''porter unicode61 remove_diacritics 2'', prefix=''4 5'')');
CREATE TABLE IF NOT EXISTS 'fts_call_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO fts_call_data VALUES(1,X'02030d');
INSERT INTO fts_call_data VALUES(10,X'000000010102020002010101020101');
INSERT INTO fts_call_data VALUES(137438953473,X'000000b5023061010601010402027661010601010201076b69636b6f6666010202010570696c6f7401060101050205726f63757201060101060107756e6b6e6f776e0106010107010477616e7401060101030005316b69636b010202010470696c6f01060101050203726f6301060101060104756e6b6e0106010107010477616e7401060101030006326b69636b6f010202010570696c6f7401060101050204726f637501060101060105756e6b6e6f01060101070408090c0c0c0e0b0a0b0a0b0b0b0c0b');
INSERT INTO fts_call_data VALUES(274877906945,X'0000012b073062756467657402020201046d65747402060101020106726576696577020203010473616964020601010402057072696e6702060101080208c3b872656e73656e0206010103010374686502060101050105756e74696c02060101070118e4ba88e7ae97e3818ce5878de7b590e38195e3828ce3819f02060101060005316275646702020201046d65747402060101020104726576690202030104736169640206010104020370726902060101080204c3b8726502060101030104756e74690206010107010ce4ba88e7ae97e3818ce5878d02060101060006326275646765020202010572657669650202030105737072696e02060101080205c3b872656e02060101030105756e74696c0206010107010fe4ba88e7ae97e3818ce5878de7b5900206010106040b0b0b0b0c0f0a0c1f0a0b090b0a0b0b130b0a0c0c0c');
CREATE TABLE IF NOT EXISTS 'fts_call_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO fts_call_idx VALUES(1,X'',2);
INSERT INTO fts_call_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'fts_call_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO fts_call_docsize VALUES(1,X'0106');
INSERT INTO fts_call_docsize VALUES(2,X'0207');
CREATE TABLE IF NOT EXISTS 'fts_call_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO fts_call_config VALUES('rank','bm25(3.0, 1.0)');
INSERT INTO fts_call_config VALUES('version',4);
CREATE INDEX ix_call_account_id ON call (account_id);
CREATE INDEX ix_call_deal_id ON call (deal_id);
CREATE INDEX ix_stakeholder_account_id ON stakeholder (account_id);
CREATE INDEX ix_call_attendee_stakeholder_id ON call_attendee (stakeholder_id);
CREATE INDEX ix_call_marker_call_id ON call_marker (call_id);
CREATE INDEX ix_lesson_account_id ON lesson (account_id);
CREATE INDEX ix_lesson_call_id ON lesson (call_id);
CREATE INDEX ix_lesson_created_at ON lesson (created_at);
CREATE INDEX ix_next_step_call_id ON next_step (call_id);
CREATE INDEX ix_stakeholder_link_target_id ON stakeholder_link (target_id);
CREATE INDEX ix_lesson_cause_cause_id ON lesson_cause (cause_id);
CREATE TRIGGER fts_lesson_ai AFTER INSERT ON lesson BEGIN INSERT INTO fts_lesson(rowid, title, what_happened, do_differently, feeling) VALUES (new.id, new.title, new.what_happened, new.do_differently, new.feeling); END;
CREATE TRIGGER fts_lesson_ad AFTER DELETE ON lesson BEGIN INSERT INTO fts_lesson(fts_lesson, rowid, title, what_happened, do_differently, feeling) VALUES ('delete', old.id, old.title, old.what_happened, old.do_differently, old.feeling); END;
CREATE TRIGGER fts_lesson_au AFTER UPDATE OF title, what_happened, do_differently, feeling ON lesson WHEN old.title IS NOT new.title OR old.what_happened IS NOT new.what_happened OR old.do_differently IS NOT new.do_differently OR old.feeling IS NOT new.feeling BEGIN INSERT INTO fts_lesson(fts_lesson, rowid, title, what_happened, do_differently, feeling) VALUES ('delete', old.id, old.title, old.what_happened, old.do_differently, old.feeling); INSERT INTO fts_lesson(rowid, title, what_happened, do_differently, feeling) VALUES (new.id, new.title, new.what_happened, new.do_differently, new.feeling); END;
CREATE TRIGGER fts_call_ai AFTER INSERT ON call BEGIN INSERT INTO fts_call(rowid, title, notes) VALUES (new.id, new.title, new.notes); END;
CREATE TRIGGER fts_call_ad AFTER DELETE ON call BEGIN INSERT INTO fts_call(fts_call, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes); END;
CREATE TRIGGER fts_call_au AFTER UPDATE OF title, notes ON call WHEN old.title IS NOT new.title OR old.notes IS NOT new.notes BEGIN INSERT INTO fts_call(fts_call, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes); INSERT INTO fts_call(rowid, title, notes) VALUES (new.id, new.title, new.notes); END;
CREATE INDEX ix_call_live ON call (started_at) WHERE ended_at IS NULL;
PRAGMA writable_schema=OFF;
COMMIT;
