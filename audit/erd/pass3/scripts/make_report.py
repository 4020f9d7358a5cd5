import json,collections
I=json.load(open('items.json'))
c=collections.Counter(i['finding'] for i in I)
hdr=open('report_head.md').read()
out=[hdr,"\n## Counts by finding\n"]+[f"- {k}: {v}" for k,v in sorted(c.items())]+["\n## Items (paper)\n"]
for i in I:
    if i['id']=="EB1": out.append("\n## Beyond the paper\n")
    out.append(f"### {i['id']} — {i['location']}\n- Statement: {i['statement']}\n- Computed: {i['numbers']}\n- Finding: **{i['finding']}**\n- Script: {i['script']}\n")
out.append(open("report_tail.md").read()); open("report.md","w").write("\n".join(out)); print(c)
