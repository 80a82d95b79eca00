"""The people of Northwind Cloud, the demo company: an executive team, regional VPs, managers and reps."""

import math
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from accounts.models import Person, Role
from core.bulk_tree import NewNode, insert_new_tree
from demo.names import ascii_slug, name_pairs

DEMO_PASSWORD = "cascade"

# (key, first, last, job title, manager key)
EXECUTIVES = [
    ("ceo", "Dana", "Whitfield", "Chief Executive Officer", None),
    ("cro", "Marcus", "Oyelaran", "Chief Revenue Officer", "ceo"),
    ("cfo", "Helen", "Brandt", "Chief Financial Officer", "ceo"),
    ("vp_marketing", "Priya", "Raman", "VP Marketing", "ceo"),
    ("vp_cs", "Tomás", "Herrera", "VP Customer Success", "cro"),
    ("vp_partners", "Kenji", "Watanabe", "VP Partnerships", "cro"),
    ("vp_na", "Sofia", "Lindqvist", "VP Sales, North America", "cro"),
    ("vp_emea", "Omar", "Haddad", "VP Sales, EMEA", "cro"),
    ("vp_apac", "Mei", "Chen", "VP Sales, APAC", "cro"),
]

# Regions interleave the three sales areas so that even a small demo staffs all of them.
REGIONS = [
    ("vp_na", "North America East", "Boston New-York Philadelphia Atlanta Toronto Miami Washington Charlotte"),
    ("vp_emea", "DACH", "Munich Berlin Zurich Vienna Hamburg Frankfurt Stuttgart Cologne"),
    ("vp_apac", "ANZ", "Sydney Melbourne Auckland Brisbane Perth Adelaide Wellington Canberra"),
    ("vp_na", "North America West", "San-Francisco Seattle Los-Angeles Denver Austin Phoenix Vancouver San-Diego"),
    ("vp_emea", "UK & Ireland", "London Manchester Dublin Edinburgh Bristol Leeds Birmingham Belfast"),
    ("vp_apac", "Japan", "Tokyo Osaka Nagoya Yokohama Fukuoka Sapporo Kobe Kyoto"),
    ("vp_na", "North America Central", "Chicago Dallas Minneapolis Houston Detroit St.-Louis Kansas-City Columbus"),
    ("vp_emea", "France & Benelux", "Paris Lyon Amsterdam Brussels Rotterdam Luxembourg Lille Antwerp"),
    ("vp_apac", "Southeast Asia", "Singapore Jakarta Kuala-Lumpur Bangkok Manila Ho-Chi-Minh-City Penang Cebu"),
    ("vp_emea", "Nordics", "Stockholm Copenhagen Oslo Helsinki Gothenburg Aarhus Bergen Malmo"),
]
AREA_NAMES = {"vp_na": "North America", "vp_emea": "EMEA", "vp_apac": "APAC"}
MANAGERS_PER_DIRECTOR = 8


@dataclass
class Team:
    """A sales manager and the reps who report to them, working one region."""

    manager: Person
    region: str
    area: str  # the VP key
    reps: list[Person] = field(default_factory=list)
    territories: list[str] = field(default_factory=list)
    director: Person | None = None


@dataclass
class Organisation:
    executives: dict[str, Person]
    admin: Person
    teams: list[Team]
    directors: dict[str, list[Person]]  # VP key -> directors between the VP and the managers

    @property
    def reps(self) -> list[Person]:
        return [rep for team in self.teams for rep in team.reps]

    @property
    def people_count(self) -> int:
        return (
            1
            + len(self.executives)
            + sum(len(d) for d in self.directors.values())
            + sum(1 + len(team.reps) for team in self.teams)
        )


def build_organisation(*, reps: int, team_size: int, rng: random.Random) -> Organisation:
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing 10,000 times would take minutes
    taken = {"admin", *(ascii_slug(f"{first}.{last}") for _, first, last, _, _ in EXECUTIVES)}
    team_count = max(1, math.ceil(reps / team_size))
    by_area = {key: [i for i in range(team_count) if REGIONS[i % len(REGIONS)][0] == key] for key in AREA_NAMES}
    director_count = {
        key: math.ceil(len(idx) / MANAGERS_PER_DIRECTOR) if len(idx) > MANAGERS_PER_DIRECTOR else 0
        for key, idx in by_area.items()
    }
    names = iter(name_pairs(team_count + reps + sum(director_count.values()), rng, taken))

    def person(first, last, username, role, region, title, **extra) -> NewNode:
        return NewNode(
            {
                "username": username,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@northwind.example",
                "password": password,
                "role": role,
                "region": region,
                "job_title": title,
                **extra,
            }
        )

    exec_nodes: dict[str, NewNode] = {}
    for key, first, last, title, manager_key in EXECUTIVES:
        username = ascii_slug(f"{first}.{last}")
        node = person(first, last, username, Role.EXECUTIVE, AREA_NAMES.get(key, "HQ"), title)
        exec_nodes[key] = exec_nodes[manager_key].add(node) if manager_key else node

    director_nodes: dict[str, list[NewNode]] = {}
    for key, count in director_count.items():
        director_nodes[key] = []
        for index in range(count):
            first, last, username = next(names)
            director_nodes[key].append(
                exec_nodes[key].add(
                    person(
                        first,
                        last,
                        username,
                        Role.MANAGER,
                        AREA_NAMES[key],
                        f"Sales Director, {AREA_NAMES[key]} {index + 1}",
                    )
                )
            )

    team_nodes: list[tuple[NewNode, list[NewNode], str, str, list[str]]] = []
    for index in range(team_count):
        area, region, cities = REGIONS[index % len(REGIONS)]
        round_number = index // len(REGIONS)
        label = region if round_number == 0 else f"{region} {round_number + 1}"
        first, last, username = ("Jordan", "Blake", "jordan.blake") if index == 0 else next(names)
        above = exec_nodes[area]
        if director_nodes[area]:
            position = by_area[area].index(index) // MANAGERS_PER_DIRECTOR
            above = director_nodes[area][position]
        manager = above.add(person(first, last, username, Role.MANAGER, label, f"Sales Manager, {label}"))
        size = min(team_size, reps - index * team_size)
        rep_nodes, territories = [], []
        for seat in range(max(size, 0)):
            first, last, username = ("Alex", "Rivera", "alex.rivera") if (index, seat) == (0, 0) else next(names)
            city = cities.split()[seat % 8].replace("-", " ")
            territory = city if round_number == 0 else f"{city} {round_number + 1}"
            territories.append(territory)
            rep_nodes.append(
                manager.add(person(first, last, username, Role.REP, label, f"Account Executive, {territory}"))
            )
        team_nodes.append((manager, rep_nodes, label, area, territories))

    insert_new_tree(Person, exec_nodes["ceo"])
    admin_node = person(
        "Ada", "Admin", "admin", Role.ADMIN, "", "Cascade administrator", is_staff=True, is_superuser=True
    )
    insert_new_tree(Person, admin_node)

    teams = []
    for manager, rep_nodes, label, area, territories in team_nodes:
        director = manager.instance.manager if manager.instance.manager.role == Role.MANAGER else None
        teams.append(
            Team(
                manager=manager.instance,
                region=label,
                area=area,
                reps=[node.instance for node in rep_nodes],
                territories=territories,
                director=director,
            )
        )
    return Organisation(
        executives={key: node.instance for key, node in exec_nodes.items()},
        admin=admin_node.instance,
        teams=teams,
        directors={key: [node.instance for node in nodes] for key, nodes in director_nodes.items()},
    )
