package probe

import (
	"bytes"
	"encoding/json"
)

// A 200 proves something only when its body is what the endpoint documents:
// a proxy, a captive portal or a half-compatible server also answer 200.
// These read only the fields that matter and fail on anything else,
// including a body cut short at the read limit.

// IsModelList reports whether body is GET /models' answer: an object whose
// "data" is a list.
func IsModelList(body []byte) bool {
	var v struct {
		Data *[]json.RawMessage `json:"data"`
	}
	return isObject(body) && json.Unmarshal(body, &v) == nil && v.Data != nil
}

// IsModel reports whether body is GET /models/{id}'s answer: an object with
// a non-empty "id".
func IsModel(body []byte) bool {
	var v struct {
		ID string `json:"id"`
	}
	return isObject(body) && json.Unmarshal(body, &v) == nil && v.ID != ""
}

// IsChatCompletion reports whether body is a chat completion: an object
// whose "choices" is a non-empty list.
func IsChatCompletion(body []byte) bool {
	var v struct {
		Choices []json.RawMessage `json:"choices"`
	}
	return isObject(body) && json.Unmarshal(body, &v) == nil && len(v.Choices) > 0
}

func isObject(body []byte) bool {
	b := bytes.TrimSpace(body)
	return len(b) > 0 && b[0] == '{'
}

// ModelIDs lists the ids in GET /models' answer, in the order given; nil
// when body is not that answer.
func ModelIDs(body []byte) []string {
	var v struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if !isObject(body) || json.Unmarshal(body, &v) != nil {
		return nil
	}
	ids := make([]string, 0, len(v.Data))
	for _, m := range v.Data {
		if m.ID != "" {
			ids = append(ids, m.ID)
		}
	}
	return ids
}
