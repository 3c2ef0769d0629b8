package fakeapi

import (
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestUsageGroupByBracketForm: group_by[]=… groups like group_by=….
func TestUsageGroupByBracketForm(t *testing.T) {
	srv := New()
	defer srv.Close()
	start := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -3).Unix()
	get := func(query string) string {
		req, _ := http.NewRequest("GET", srv.URL()+"/organization/costs?start_time="+strconv.FormatInt(start, 10)+"&"+query, nil)
		req.Header.Set("Authorization", "Bearer "+AdminKey("admin"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	repeated, bracket := get("group_by=project_id&group_by=line_item"), get("group_by%5B%5D=project_id&group_by%5B%5D=line_item")
	if repeated != bracket || !strings.Contains(repeated, `"line_item":"gpt-4o-mini, input"`) {
		t.Errorf("repeated form:\n%s\nbracket form:\n%s", repeated, bracket)
	}
	if plain := get(""); strings.Contains(plain, "gpt-4o-mini") {
		t.Errorf("ungrouped answer names a line item:\n%s", plain)
	}
}

// TestUsageScenariosAreListed: the usage scenarios are among those the
// fake prints (go run ./test/fakeapi -print-keys), so scripts can use them.
func TestUsageScenariosAreListed(t *testing.T) {
	for _, sc := range []string{AdminNoUsage, AdminUsage5xx} {
		if !slices.Contains(AdminScenarios(), sc) {
			t.Errorf("AdminScenarios() lacks %q", sc)
		}
	}
}
