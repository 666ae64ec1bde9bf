#!/usr/bin/env python3
"""Writes a deterministic GBK CSV shaped like examples/inbox/zhoucun-licences-gbk.csv: ROWS rows of valid licences
(real USCC and ID check characters, mixed date formats, full-width phone digits, 长期), one in 1,000 with a defect.
Usage: gen_zhoucun_csv.py ROWS OUT.csv"""
import random, sys

CH = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ITEMS = ["城镇污水排入排水管网许可", "危险化学品经营许可", "特种设备使用登记", "人力资源服务许可", "娱乐场所经营许可", "道路货物运输经营许可", "食品经营许可"]
DEPTS = ["区水利局", "区应急管理局", "区市场监督管理局", "区人力资源和社会保障局", "区文化和旅游局", "区交通运输局"]
TOWNS = ["王村镇", "南郊镇", "商家镇", "丝绸路街道", "大街街道", "北郊镇", "萌水镇"]
SUR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"

def org(rng):
    s = "".join(rng.choice(CH) for _ in range(8))
    v = lambda c: int(c) if c.isdigit() else ord(c) - 55
    c = 11 - sum(v(x) * w for x, w in zip(s, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return s + ("X" if c == 10 else "0" if c == 11 else str(c))

def uscc(rng):
    s = rng.choice(["91", "92", "93"]) + "370306" + org(rng)
    return s + CH[(31 - sum(CH.index(c) * w for c, w in zip(s, W)) % 31) % 31]

def idno(rng):
    b = "370306%04d%02d%02d%03d" % (rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 999))
    return b + "10X98765432"[sum(int(c) * w for c, w in zip(b, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])) % 11]

def date(rng, y, m, d):
    return rng.choice(["%d-%02d-%02d", "%d/%d/%d", "%d年%d月%d日", "%d%02d%02d"]) % (y, m, d)

def main(rows, out):
    rng = random.Random(20261123)
    header = "事项名称,许可证编号,许可文书号,行政相对人名称,相对人类别,统一社会信用代码,法定代表人,身份证号码,联系电话,住所,许可日期,有效期起,有效期止,许可内容,监管部门"
    with open(out, "w", encoding="gbk", newline="") as f:
        f.write(header + "\r\n")
        for i in range(1, rows + 1):
            y, m, d = 2024, rng.randint(1, 12), rng.randint(1, 28)
            person = rng.random() < 0.2
            name = rng.choice(SUR) + rng.choice(GIVEN) + rng.choice(GIVEN)
            phone = "1" + str(rng.randint(3, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(9))
            if i % 7 == 0:
                phone = phone[:3] + "-" + phone[3:7] + "-" + phone[7:]
            row = [rng.choice(ITEMS), "许可%06d%07d" % (370306, i), "ZH审批〔2024〕%d号" % i,
                   name if person else "淄博%s%s有限公司" % (rng.choice(TOWNS)[:2], rng.choice(["物流", "餐饮", "陶瓷"])),
                   "自然人" if person else rng.choice(["法人及非法人组织", "企业法人", "法人"]),
                   "" if person else uscc(rng), "" if person else name, idno(rng), phone,
                   "%s%d号" % (rng.choice(TOWNS), rng.randint(1, 300)), date(rng, y, m, d), date(rng, y, m, d),
                   "长期" if rng.random() < 0.1 else date(rng, y + 5, m, d), "经营项目：物流，预包装食品销售", rng.choice(DEPTS)]
            if i % 1000 == 0:
                row[10] = "2021/13/01"  # an impossible date: one row in 1,000 is rejected
            f.write(",".join(row) + "\r\n")

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
