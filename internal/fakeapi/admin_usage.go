package fakeapi

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// UsageDays is how many UTC days before today the fake has usage for.
// Today itself is empty, as it often is on the real API (usage shows up
// minutes late).
const UsageDays = 60

// UsagePageSize is the most buckets the fake puts on one page of costs or
// usage, whatever limit was asked, so that clients must follow next_page.
const UsagePageSize = 5

// Usage scenarios (admin keys: AdminKey(name)).
const (
	// AdminNoUsage is an admin key without api.usage.read.
	AdminNoUsage = "admin_no_usage"
	// AdminUsage5xx answers 500 to every costs or usage page after the first.
	AdminUsage5xx = "admin_usage_5xx"
)

const msgUsageRead = "You have insufficient permissions for this operation. Missing scopes: api.usage.read. Check that you have the correct role in your organization (Reader, Writer, Owner), and if you're using a restricted API key, that it has the necessary scopes."

// usageModels are the models the fake's keys use, with their prices in
// micro-dollars per million input and output tokens.
var usageModels = []struct {
	name    string
	in, out int64
}{
	{"gpt-4o-mini", 150_000, 600_000},
	{"gpt-4o", 2_500_000, 10_000_000},
	{"o3-mini", 1_100_000, 4_400_000},
}

// UsageRecord is one day of one key's use of one model. APIKeyID is "" for
// use not tied to a key (the fake's batch jobs). Costs are integer
// micro-dollars, so a test can total them exactly.
type UsageRecord struct {
	Day                        time.Time
	ProjectID, APIKeyID, Model string
	InputTokens, CachedTokens  int64
	OutputTokens, Requests     int64
	InputMicros, OutputMicros  int64
}

// UsageRecords returns the fake's usage: the last UsageDays UTC days before
// today, for every key of every active project.
func (s *Server) UsageRecords() []UsageRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.usageRecords(time.Now())
}

func (s *Server) usageRecords(now time.Time) []UsageRecord {
	today := now.UTC().Truncate(24 * time.Hour)
	var out []UsageRecord
	for d := UsageDays; d >= 1; d-- {
		day := today.AddDate(0, 0, -d)
		for _, p := range s.admin.projects {
			if p.archived {
				continue
			}
			ids := []string{""}
			for _, k := range append(slices.Clone(p.keys), p.gone...) { // a deleted key's use stays
				ids = append(ids, k.id)
			}
			for _, id := range ids {
				for mi, m := range usageModels {
					h := usageHash(day.Format(time.DateOnly), p.id, id, m.name)
					if h%4 == 0 || (id == "" && mi > 0) {
						continue // not every key uses every model every day
					}
					r := UsageRecord{Day: day, ProjectID: p.id, APIKeyID: id, Model: m.name, Requests: int64(1 + h%40)}
					r.InputTokens = r.Requests * int64(100+h%900)
					r.OutputTokens = r.Requests * int64(20+(h>>10)%300)
					if h%3 == 0 {
						r.CachedTokens = r.InputTokens / 4
					}
					r.InputMicros = r.InputTokens * m.in / 1_000_000
					r.OutputMicros = r.OutputTokens * m.out / 1_000_000
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func usageHash(parts ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(parts, "|")))
	return h.Sum64()
}

// usageRoute answers /organization/costs and /organization/usage/completions;
// ok is false for any other path. s.mu is held.
func (s *Server) usageRoute(r *http.Request, scenario string) (answer, bool) {
	kind := strings.TrimPrefix(r.URL.Path, "/v1/organization/")
	if kind != "costs" && kind != "usage/completions" {
		return answer{}, false
	}
	if r.Method != http.MethodGet {
		return notFoundURL(r), true
	}
	if scenario == AdminNoUsage {
		return apiError(401, msgUsageRead, "invalid_request_error", nil, nil), true
	}
	q := r.URL.Query()
	if scenario == AdminUsage5xx && q.Get("page") != "" {
		return apiError(500, "The server had an error while processing your request.", "server_error", nil, nil), true
	}
	width, maxLimit, defLimit := 24*time.Hour, 180, 7
	if kind == "usage/completions" {
		switch q.Get("bucket_width") {
		case "", "1d":
			maxLimit = 31
		case "1h":
			width, maxLimit, defLimit = time.Hour, 168, 24
		default:
			return apiError(400, "Invalid 'bucket_width': the fake serves 1h and 1d.", "invalid_request_error", "invalid_value", "bucket_width"), true
		}
	} else if bw := q.Get("bucket_width"); bw != "" && bw != "1d" {
		return apiError(400, "Invalid 'bucket_width': costs are given per day (1d).", "invalid_request_error", "invalid_value", "bucket_width"), true
	}
	start, err := strconv.ParseInt(q.Get("start_time"), 10, 64)
	if err != nil {
		return apiError(400, "Missing required parameter: 'start_time'.", "invalid_request_error", "missing_required_parameter", "start_time"), true
	}
	end := time.Now().Unix()
	if v := q.Get("end_time"); v != "" {
		if end, err = strconv.ParseInt(v, 10, 64); err != nil {
			return apiError(400, "Invalid 'end_time'.", "invalid_request_error", "invalid_value", "end_time"), true
		}
	}
	limit := defLimit
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return apiError(400, fmt.Sprintf("Invalid 'limit': integer between 1 and %d expected.", maxLimit), "invalid_request_error", "invalid_value", "limit"), true
		}
	}
	from := time.Unix(start, 0).UTC().Truncate(width)
	if p := q.Get("page"); p != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(p, "page_"), 10, 64)
		if err != nil || !strings.HasPrefix(p, "page_") {
			return apiError(400, "Invalid 'page'.", "invalid_request_error", "invalid_value", "page"), true
		}
		from = time.Unix(n, 0).UTC()
	}
	sel := usageSelection{groups: arrayParam(q, "group_by"), projects: arrayParam(q, "project_ids"),
		keys: arrayParam(q, "api_key_ids"), models: arrayParam(q, "models")}
	records := s.usageRecords(time.Now())
	var data []map[string]any
	t := from
	for ; t.Unix() < end && len(data) < min(limit, UsagePageSize); t = t.Add(width) {
		var results []map[string]any
		if kind == "costs" {
			results = costResults(records, t, width, sel)
		} else {
			results = usageResults(records, t, width, sel)
		}
		data = append(data, map[string]any{"object": "bucket", "start_time": t.Unix(), "end_time": t.Add(width).Unix(), "results": results})
	}
	if data == nil {
		data = []map[string]any{}
	}
	page := map[string]any{"object": "page", "data": data, "has_more": false, "next_page": nil}
	if t.Unix() < end {
		page["has_more"], page["next_page"] = true, "page_"+strconv.FormatInt(t.Unix(), 10)
	}
	return jsonAnswer(page), true
}

// arrayParam reads an array parameter sent either as name=a&name=b or as
// name[]=a&name[]=b.
func arrayParam(q url.Values, name string) []string {
	return append(append([]string(nil), q[name]...), q[name+"[]"]...)
}

type usageSelection struct{ groups, projects, keys, models []string }

func (sel usageSelection) keep(r UsageRecord) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	return in(sel.projects, r.ProjectID) && in(sel.keys, r.APIKeyID) && in(sel.models, r.Model)
}

// inBucket reports whether r falls in [t, t+width). A day's use sits in
// one hour of that day, chosen by the record.
func inBucket(r UsageRecord, t time.Time, width time.Duration) bool {
	at := r.Day
	if width == time.Hour {
		at = at.Add(time.Duration(usageHash(r.ProjectID, r.APIKeyID, r.Model)%24) * time.Hour)
	}
	return !at.Before(t) && at.Before(t.Add(width))
}

// field is a grouped field's value, or nil when not grouped by it (and
// for use not tied to a key).
func field(groups []string, name, v string) any {
	if !slices.Contains(groups, name) || v == "" {
		return nil
	}
	return v
}

func costResults(records []UsageRecord, t time.Time, width time.Duration, sel usageSelection) []map[string]any {
	type group struct{ project, key, item string }
	sums := map[group]int64{}
	var order []group
	add := func(g group, micros int64) {
		if _, ok := sums[g]; !ok {
			order = append(order, g)
		}
		sums[g] += micros
	}
	for _, r := range records {
		if !sel.keep(r) || !inBucket(r, t, width) {
			continue
		}
		for _, li := range []struct {
			item   string
			micros int64
		}{{r.Model + ", input", r.InputMicros}, {r.Model + ", output", r.OutputMicros}} {
			g := group{r.ProjectID, r.APIKeyID, li.item}
			if !slices.Contains(sel.groups, "project_id") {
				g.project = ""
			}
			if !slices.Contains(sel.groups, "api_key_id") {
				g.key = ""
			}
			if !slices.Contains(sel.groups, "line_item") {
				g.item = ""
			}
			add(g, li.micros)
		}
	}
	out := []map[string]any{}
	for _, g := range order {
		out = append(out, map[string]any{"object": "organization.costs.result",
			"amount":     map[string]any{"value": microsJSON(sums[g]), "currency": "usd"},
			"line_item":  field(sel.groups, "line_item", g.item),
			"project_id": field(sel.groups, "project_id", g.project),
			"api_key_id": field(sel.groups, "api_key_id", g.key)})
	}
	return out
}

func usageResults(records []UsageRecord, t time.Time, width time.Duration, sel usageSelection) []map[string]any {
	type group struct{ project, key, model string }
	type sum struct{ in, cached, out, req int64 }
	sums := map[group]*sum{}
	var order []group
	for _, r := range records {
		if !sel.keep(r) || !inBucket(r, t, width) {
			continue
		}
		g := group{r.ProjectID, r.APIKeyID, r.Model}
		if !slices.Contains(sel.groups, "project_id") {
			g.project = ""
		}
		if !slices.Contains(sel.groups, "api_key_id") {
			g.key = ""
		}
		if !slices.Contains(sel.groups, "model") {
			g.model = ""
		}
		s := sums[g]
		if s == nil {
			s = &sum{}
			sums[g] = s
			order = append(order, g)
		}
		s.in, s.cached, s.out, s.req = s.in+r.InputTokens, s.cached+r.CachedTokens, s.out+r.OutputTokens, s.req+r.Requests
	}
	out := []map[string]any{}
	for _, g := range order {
		s := sums[g]
		out = append(out, map[string]any{"object": "organization.usage.completions.result",
			"input_tokens": s.in, "input_cached_tokens": s.cached, "output_tokens": s.out, "num_model_requests": s.req,
			"project_id": field(sel.groups, "project_id", g.project), "api_key_id": field(sel.groups, "api_key_id", g.key),
			"model": field(sel.groups, "model", g.model)})
	}
	return out
}

// microsJSON writes integer micro-dollars as a JSON number in dollars
// ("0.001234"), the way the API writes amount.value.
type microsJSON int64

func (m microsJSON) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%d.%06d", int64(m)/1_000_000, int64(m)%1_000_000)), nil
}
