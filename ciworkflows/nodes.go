package ciworkflows

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The walker's view of the YAML tree: aliases resolved, merge keys (<<)
// expanded, every step counted against its budget.

// pair is one entry of a mapping.
type pair struct {
	key string
	val *yaml.Node
}

// get is the value of the first entry named key, or nil.
func get(ps []pair, key string) *yaml.Node {
	for _, p := range ps {
		if p.key == key {
			return p.val
		}
	}
	return nil
}

// deref follows aliases and enters a document, to the node they stand for.
func (w *walker) deref(n *yaml.Node) *yaml.Node {
	for range maxDepth {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return nil
}

// pairs lists a mapping's entries with scalar keys, merged mappings after
// its own (an own key wins); nil for anything but a mapping.
func (w *walker) pairs(n *yaml.Node) []pair {
	n = w.deref(n)
	if n == nil || n.Kind != yaml.MappingNode || w.depth >= maxDepth {
		return nil
	}
	w.depth++
	defer func() { w.depth-- }()
	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		if w.budget--; w.budget < 0 {
			break
		}
		k := w.deref(n.Content[i])
		if k == nil || k.Kind != yaml.ScalarNode {
			continue
		}
		if k.ShortTag() == "!!merge" {
			v := w.deref(n.Content[i+1])
			if v != nil && v.Kind == yaml.SequenceNode {
				for _, m := range v.Content {
					merged = append(merged, w.pairs(m)...)
				}
			} else {
				merged = append(merged, w.pairs(v)...)
			}
			continue
		}
		own = append(own, pair{k.Value, n.Content[i+1]})
	}
	if len(merged) > 0 {
		have := map[string]bool{}
		for _, p := range own {
			have[p.key] = true
		}
		for _, p := range merged {
			if !have[p.key] {
				have[p.key] = true
				own = append(own, p)
			}
		}
	}
	return own
}

// seq lists a sequence's items; nil for anything else.
func (w *walker) seq(n *yaml.Node) []*yaml.Node {
	n = w.deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	if w.budget -= len(n.Content); w.budget < 0 {
		return nil
	}
	return n.Content
}

// scalar is n as a scalar, or nil.
func (w *walker) scalar(n *yaml.Node) *yaml.Node {
	if n = w.deref(n); n != nil && n.Kind == yaml.ScalarNode {
		return n
	}
	return nil
}

// text is a scalar's value, or "".
func (w *walker) text(n *yaml.Node) string {
	if s := w.scalar(n); s != nil {
		return s.Value
	}
	return ""
}

// find calls fn on each scalar under n, aliases followed, until it returns
// true; it reports whether one did.
func (w *walker) find(n *yaml.Node, fn func(*yaml.Node) bool) bool {
	n = w.deref(n)
	if n == nil || w.depth >= maxDepth {
		return false
	}
	if w.budget--; w.budget < 0 {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		return fn(n)
	}
	w.depth++
	defer func() { w.depth-- }()
	for _, c := range n.Content {
		if w.find(c, fn) {
			return true
		}
	}
	return false
}

func itoa(i int) string { return strconv.Itoa(i) }
