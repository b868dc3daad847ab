import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
head_end = src.index('>', src.index('<Registry')) + 1
head, body = src[:head_end], src[head_end:]
tail = '\n</Registry>\n'
blocks = re.findall(r'\n  <(\w+)[^\n]*?/>|\n  <(\w+)[\s\S]*?\n  </\2>', body)
blocks = [m.group(0) for m in re.finditer(r'\n  <(\w+)(?:[^\n]*?/>|[\s\S]*?\n  </\1>)', body)]
a, b = [], []
for blk in blocks:
    m = re.search(r'<District code="(\d+)"', blk) or re.search(r'district="(\d+)"', blk)
    code = m.group(1) if m else '370202'
    (a if code <= '370212' else b).append(blk)
def write(name, source, parts):
    h = re.sub(r'source="[^"]*"', 'source="%s"' % source, head)
    open(name, 'w', encoding='utf-8').write(h + ''.join(parts) + tail)
write('part-a.xml', '青岛市东部区市科技局', a)
write('part-b.xml', '青岛市西部区市科技局', b)
a2 = list(a); a2[0] = re.sub(r'<Name>([^<]*)</Name>', r'<Name>\1（更名）</Name>', a2[0], count=1)
write('part-a-resent.xml', '青岛市东部区市科技局', a2)
print(len(a), len(b))
