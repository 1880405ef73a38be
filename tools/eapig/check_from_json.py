#!/usr/bin/python3
"""Checks that a score file would load with EAP-IG's Graph.from_json, without EAP-IG installed.

Re-implements only the key accesses of from_json and from_model in hannamw/EAP-IG src/eap/graph.py (read at commits
4fad6c678ee45c975ea6072482305a54fe423551 and 8fd10d913f3991de824d7b4668b6918743a1f453; same code in both):
the cfg keys n_layers, n_heads, parallel_attn_mlp and d_model; the graph's node and edge names; node['in_graph'], an
optional node['score'] stored into a float tensor (a null fails there), and every edge's 'score' and 'in_graph', the
score also stored into a float tensor. Run with Debian's python3-torch:

    /usr/bin/python3 tools/eapig/check_from_json.py scores.json
"""
import json
import sys

import torch


def graph_names(cfg):
    """The node and edge names from_model builds for a graph of this cfg."""
    n_layers, n_heads, parallel = cfg['n_layers'], cfg['n_heads'], cfg['parallel_attn_mlp']
    torch.zeros((1, cfg['d_model']))  # from_model(neuron_level=True) sizes its neuron tensors by d_model
    nodes, edges = ['input'], set()
    stream = ['input']
    for layer in range(n_layers):
        heads = [f'a{layer}.h{h}' for h in range(n_heads)]
        mlp = f'm{layer}'
        nodes += heads + [mlp]
        for up in stream:
            edges.update(f'{up}->{head}<{q}>' for head in heads for q in 'qkv')
            if parallel:
                edges.add(f'{up}->{mlp}')
        stream += heads
        if not parallel:
            edges.update(f'{up}->{mlp}' for up in stream)
        stream.append(mlp)
    edges.update(f'{up}->logits' for up in stream)
    return set(nodes + ['logits']), edges


def check(path):
    with open(path) as f:
        d = json.load(f)
    assert all(k in d for k in ['cfg', 'nodes', 'edges']), 'Bad input JSON format - Missing keys'
    nodes, edges = graph_names(d['cfg'])
    node_scores = torch.zeros(len(nodes))
    for name, node in d['nodes'].items():
        if name == 'logits':
            continue
        assert name in nodes, f'node {name} is not in the graph'
        bool(node['in_graph'])  # a bare boolean fails here: 'bool' object is not subscriptable
        if 'score' in node:
            node_scores[0] = node['score']
    edge_scores = torch.zeros(1)
    for name, info in d['edges'].items():
        assert name in edges, f'edge {name} is not in the graph'
        edge_scores[0] = info['score']
        bool(info['in_graph'])
    return len(d['nodes']), len(d['edges']), len(edges)


if __name__ == '__main__':
    for p in sys.argv[1:]:
        n, e, total = check(p)
        print(f'{p}: loads: {n} nodes, {e} of {total} edges')
