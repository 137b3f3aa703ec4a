-- Directory of the network (issue 2): libraries, alliances and their members, governance bodies
-- and agreements. The network module owns these tables (src/modules/network/*.store.ts).

-- ISO 3166-2:CN provincial-level divisions, the domain of every `province` column. The same list
-- is src/modules/network/domain/provinces.ts (a test keeps them equal).
CREATE TABLE provinces (
  code     text PRIMARY KEY CHECK (code ~ '^CN-[A-Z]{2}$'),
  name_zh  text NOT NULL,
  name_en  text NOT NULL
);
INSERT INTO provinces (code, name_zh, name_en) VALUES
  ('CN-AH', '安徽省', 'Anhui'),
  ('CN-BJ', '北京市', 'Beijing'),
  ('CN-CQ', '重庆市', 'Chongqing'),
  ('CN-FJ', '福建省', 'Fujian'),
  ('CN-GD', '广东省', 'Guangdong'),
  ('CN-GS', '甘肃省', 'Gansu'),
  ('CN-GX', '广西壮族自治区', 'Guangxi'),
  ('CN-GZ', '贵州省', 'Guizhou'),
  ('CN-HA', '河南省', 'Henan'),
  ('CN-HB', '湖北省', 'Hubei'),
  ('CN-HE', '河北省', 'Hebei'),
  ('CN-HI', '海南省', 'Hainan'),
  ('CN-HK', '香港特别行政区', 'Hong Kong'),
  ('CN-HL', '黑龙江省', 'Heilongjiang'),
  ('CN-HN', '湖南省', 'Hunan'),
  ('CN-JL', '吉林省', 'Jilin'),
  ('CN-JS', '江苏省', 'Jiangsu'),
  ('CN-JX', '江西省', 'Jiangxi'),
  ('CN-LN', '辽宁省', 'Liaoning'),
  ('CN-MO', '澳门特别行政区', 'Macao'),
  ('CN-NM', '内蒙古自治区', 'Inner Mongolia'),
  ('CN-NX', '宁夏回族自治区', 'Ningxia'),
  ('CN-QH', '青海省', 'Qinghai'),
  ('CN-SC', '四川省', 'Sichuan'),
  ('CN-SD', '山东省', 'Shandong'),
  ('CN-SH', '上海市', 'Shanghai'),
  ('CN-SN', '陕西省', 'Shaanxi'),
  ('CN-SX', '山西省', 'Shanxi'),
  ('CN-TJ', '天津市', 'Tianjin'),
  ('CN-TW', '台湾省', 'Taiwan'),
  ('CN-XJ', '新疆维吾尔自治区', 'Xinjiang'),
  ('CN-XZ', '西藏自治区', 'Xizang (Tibet)'),
  ('CN-YN', '云南省', 'Yunnan'),
  ('CN-ZJ', '浙江省', 'Zhejiang');

-- A member library. Its nested parts (contacts, service endpoints, lending policy, closed days)
-- are read and written with the library, always whole, so they live on its row as jsonb: one
-- indexed lookup answers GET /libraries/{symbol}.
CREATE TABLE libraries (
  id                        bigserial PRIMARY KEY,
  symbol                    text NOT NULL UNIQUE,   -- ISIL (CN-…) or PREFIX:value (INTERFACES.md)
  name_zh                   text NOT NULL,
  name_en                   text NOT NULL,
  type                      text NOT NULL CHECK (type IN ('university', 'public', 'research', 'other')),
  province                  text NOT NULL REFERENCES provinces (code),
  city_zh                   text,
  city_en                   text,
  lat                       double precision CHECK (lat BETWEEN -90 AND 90),
  lon                       double precision CHECK (lon BETWEEN -180 AND 180),
  fte                       integer CHECK (fte >= 0),
  contacts                  jsonb,                  -- [{name, role, email, phone}]; e-mail and phone for staff only
  endpoints                 jsonb,                  -- {iso18626, oaiPmh, sru, ncip}
  lending_policy            jsonb,                  -- {lendsReturnables, suppliesCopies, loanPeriodDays, renewals, excludedMaterialTypes, fees}
  closed_days               jsonb,                  -- [{from, to, reason}]
  target_lend_borrow_ratio  double precision CHECK (target_lend_borrow_ratio >= 0),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX libraries_province ON libraries (province);
CREATE INDEX libraries_type ON libraries (type);
-- Name and symbol search (`q`), in Chinese or English.
CREATE INDEX libraries_search ON libraries USING gin ((symbol || ' ' || name_zh || ' ' || name_en) gin_trgm_ops);

-- An alliance (consortium): national, regional, provincial, municipal or industry, with its place
-- in the hierarchy (parent) and its management centre.
CREATE TABLE alliances (
  id                    bigserial PRIMARY KEY,
  code                  text NOT NULL UNIQUE,
  name_zh               text NOT NULL,
  name_en               text NOT NULL,
  kind                  text NOT NULL CHECK (kind IN ('national', 'provincial', 'municipal', 'inter-provincial', 'industry')),
  tier                  text NOT NULL CHECK (tier IN ('national', 'regional', 'provincial', 'municipal')),
  -- An alliance with children cannot be deleted; the service keeps the hierarchy free of cycles.
  parent_id             bigint REFERENCES alliances (id) ON DELETE RESTRICT,
  management_centre_id  bigint REFERENCES libraries (id) ON DELETE RESTRICT,
  founded               integer,
  stated_member_count   integer CHECK (stated_member_count >= 0),
  province              text REFERENCES provinces (code),
  organisation_model    text CHECK (organisation_model IN ('central-library', 'multi-level', 'parallel', 'virtual-centre')),
  management_model      text CHECK (management_model IN ('council', 'agreement', 'co-construction')),
  website               text,
  description_zh        text,
  description_en        text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id <> id)
);
CREATE INDEX alliances_parent ON alliances (parent_id);

-- A library's membership of an alliance; a library may belong to several.
CREATE TABLE memberships (
  alliance_id  bigint NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
  library_id   bigint NOT NULL REFERENCES libraries (id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('management-centre', 'regional-centre', 'provincial-centre', 'discipline-centre', 'business-centre', 'member')),
  joined       date,
  position     integer NOT NULL,                   -- the order of the member list as given
  PRIMARY KEY (alliance_id, library_id)
);
CREATE INDEX memberships_library ON memberships (library_id);

-- The bodies that govern an alliance (assembly, council, secretariat, business centres …).
CREATE TABLE governance_bodies (
  id           bigserial PRIMARY KEY,
  alliance_id  bigint NOT NULL REFERENCES alliances (id) ON DELETE CASCADE,
  body         text NOT NULL CHECK (body IN ('member-assembly', 'council', 'standing-council', 'executive-council', 'business-centre', 'secretariat')),
  name_zh      text,
  name_en      text,
  position     integer NOT NULL
);
CREATE INDEX governance_bodies_alliance ON governance_bodies (alliance_id, position);

-- A seat on a body: a position held by a library (and a person) for a term.
CREATE TABLE governance_seats (
  id           bigserial PRIMARY KEY,
  body_id      bigint NOT NULL REFERENCES governance_bodies (id) ON DELETE CASCADE,
  position     text NOT NULL CHECK (position IN ('chair', 'vice-chair', 'director', 'standing-director', 'secretary-general', 'member')),
  library_id   bigint REFERENCES libraries (id) ON DELETE RESTRICT,
  person       text,
  term_start   date,
  term_end     date,
  ordinal      integer NOT NULL,
  CHECK (term_end >= term_start)
);
CREATE INDEX governance_seats_body ON governance_seats (body_id, ordinal);
CREATE INDEX governance_seats_library ON governance_seats (library_id);

-- Agreements between alliances or libraries: fees, subsidy and turnaround, later read by
-- interlibrary loan.
CREATE TABLE agreements (
  id               bigserial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  name_zh          text NOT NULL,
  name_en          text NOT NULL,
  fees_waived      boolean NOT NULL DEFAULT false,
  fees             jsonb,                          -- {currency, loan, copyPerPage, copyMinimum}
  subsidy_rate     double precision CHECK (subsidy_rate BETWEEN 0 AND 1),
  turnaround_days  integer CHECK (turnaround_days >= 0),
  valid_from       date NOT NULL,
  valid_to         date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to >= valid_from)
);

CREATE TABLE agreement_parties (
  agreement_id  bigint NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  library_id    bigint REFERENCES libraries (id) ON DELETE RESTRICT,
  alliance_id   bigint REFERENCES alliances (id) ON DELETE RESTRICT,
  position      integer NOT NULL,
  CHECK ((library_id IS NULL) <> (alliance_id IS NULL))
);
CREATE UNIQUE INDEX agreement_parties_library ON agreement_parties (agreement_id, library_id) WHERE library_id IS NOT NULL;
CREATE UNIQUE INDEX agreement_parties_alliance ON agreement_parties (agreement_id, alliance_id) WHERE alliance_id IS NOT NULL;
CREATE INDEX agreement_parties_library_lookup ON agreement_parties (library_id);
CREATE INDEX agreement_parties_alliance_lookup ON agreement_parties (alliance_id);

-- The alliances of one library as json, for GET /libraries/{symbol}. A PL/pgSQL function keeps
-- its query plan for the session, where the same subquery written inline is planned on every
-- request (measured: planning was most of the lookup's time).
CREATE FUNCTION library_memberships(library bigint) RETURNS json LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_object('alliance', a.code, 'allianceName', json_build_object('zh', a.name_zh, 'en', a.name_en),
                                                     'role', m.role, 'joined', to_char(m.joined, 'YYYY-MM-DD')) ORDER BY a.code), '[]'::json)
            FROM memberships m JOIN alliances a ON a.id = m.alliance_id
           WHERE m.library_id = library);
END
$$;
