/** 养老服务 — the 15-minute service circle: its field issues, CLI texts and the labels its answers name. */
import { defineMessages } from '../messages';

export const coverageMessages = defineMessages({
  'zh-CN': {
    eldercare: {
      coverage: {
        list: { uncovered: '未覆盖的老年人', unplaced: '没有位置的老年人' },
        positionSource: { own: '本人位置', compound: '小区位置' },
        noGrid: '未分网格',
        knownWalk: '实测步行距离',
        estimate: '直线距离 × 绕行系数',
        planned: '规划中（假设）',
      },
    },
    validation: {
      eldercare: {
        walk_no_compound: '找不到这个小区（可能已被删除）。',
        walk_no_facility: '找不到这个服务设施（可能已被删除）。',
        area_file_too_large: '文件太大：网格边界文件最多 {{max}} MB。',
        area_file_unreadable: '无法读取这个文件（{{detail}}）：请确认它还在、没有被别的程序占用。',
        area_file_not_json: '这个文件不是 GeoJSON（无法按 JSON 读取）。',
        area_file_not_features: '这个文件不是 GeoJSON 要素集合（FeatureCollection）。',
        area_file_too_many: '要素太多：一个文件最多 {{max}} 个网格边界，这个文件有 {{count}} 个。',
        area_file_empty: '这个文件里没有任何要素。',
        area_not_polygon: '第 {{index}} 个要素是 {{type}}，不是面（Polygon 或 MultiPolygon），网格边界只能是面。',
        area_invalid_geometry: '第 {{index}} 个要素的坐标不完整：每个环至少 4 个点、首尾相同、每个点是 [经度, 纬度]。',
        area_outside: '第 {{index}} 个要素有坐标不在中国境内：请确认文件用的是经纬度（不是投影坐标），坐标系选得对。',
        area_no_grid_code: '第 {{index}} 个要素没有属性“{{property}}”，不知道它是哪个网格。',
        area_unknown_grid: '第 {{index}} 个要素的网格编号“{{code}}”在本社区的网格里找不到。',
        area_duplicate_grid: '第 {{index}} 个要素的网格编号“{{code}}”在文件里前面已经出现过，只取第一个。',
      },
    },
    cli: {
      commands: {
        eldercareCoverage: '15 分钟养老服务圈：老年人覆盖情况（按服务、按网格）和未覆盖名单。',
      },
      eldercareCoverage: {
        summary: '老年人 {{older}} 人，有位置 {{withPosition}} 人，{{minutes}} 分钟内可步行到达服务设施 {{covered}} 人（{{share}}）。',
        byService: '按服务：',
        byGrid: '按网格：',
        uncovered: '未覆盖（{{total}} 人）：',
        noShare: '—',
        minutes: '步行 {{minutes}} 分钟',
      },
    },
  },
  en: {
    eldercare: {
      coverage: {
        list: { uncovered: 'Older residents not covered', unplaced: 'Older residents with no position' },
        positionSource: { own: 'Own position', compound: "Compound's position" },
        noGrid: 'No grid',
        knownWalk: 'Known walk',
        estimate: 'Straight line × detour factor',
        planned: 'Planned (what-if)',
      },
    },
    validation: {
      eldercare: {
        walk_no_compound: 'This compound was not found (it may have been deleted).',
        walk_no_facility: 'This facility was not found (it may have been deleted).',
        area_file_too_large: 'The file is too large: a grid boundary file may be at most {{max}} MB.',
        area_file_unreadable: 'This file cannot be read ({{detail}}): check that it still exists and no other program holds it.',
        area_file_not_json: 'This file is not GeoJSON (it cannot be read as JSON).',
        area_file_not_features: 'This file is not a GeoJSON FeatureCollection.',
        area_file_too_many: 'Too many features: a file may hold at most {{max}} grid boundaries; this one has {{count}}.',
        area_file_empty: 'This file holds no features.',
        area_not_polygon: 'Feature {{index}} is a {{type}}, not a polygon (Polygon or MultiPolygon); a grid boundary must be a polygon.',
        area_invalid_geometry: 'Feature {{index}} has incomplete coordinates: each ring needs at least 4 points, the first equal to the last, each point [longitude, latitude].',
        area_outside: 'Feature {{index}} has points outside China: check that the file uses longitude and latitude (not projected metres) and that the coordinate system is right.',
        area_no_grid_code: 'Feature {{index}} has no property "{{property}}", so its grid is unknown.',
        area_unknown_grid: 'Feature {{index}} names grid "{{code}}", which is not one of this office\'s grids.',
        area_duplicate_grid: 'Feature {{index}} names grid "{{code}}" again; only the first is taken.',
      },
    },
    cli: {
      commands: {
        eldercareCoverage: 'The 15-minute service circle: older residents covered (by service and by grid) and the list of those not covered.',
      },
      eldercareCoverage: {
        summary: '{{older}} older residents, {{withPosition}} with a position, {{covered}} within {{minutes}} minutes\' walk of a service ({{share}}).',
        byService: 'By service:',
        byGrid: 'By grid:',
        uncovered: 'Not covered ({{total}}):',
        noShare: '—',
        minutes: '{{minutes}} min walk',
      },
    },
  },
});
